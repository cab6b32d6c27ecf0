// The search page. The site's index (search/index/, built with the site)
// lists, for every pair of adjacent characters, the pages holding it: a
// query's pairs narrow the pages down, and each page shown is checked to
// hold the query as typed — ignoring spaces, width and case — with the
// match marked. Places, units and terms whose name holds the query come
// first. The index's files (and this one) are classic scripts, so a site
// opened from disk searches too. Results come as one types; filters narrow them by kind,
// village, unit and status.

const box = document.getElementById("search");
// The index's folder and the site's root, from the index's first file
// (a folder's own address would read …/index.html in a portable build).
const indexDir = box.dataset.index.replace(/meta\.js$/, "");
const root = new URL(indexDir + "../../", location.href).href;
const form = box.querySelector("form");
const input = document.getElementById("search-q");
const filtersBox = document.getElementById("search-filters");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const fallback = document.getElementById("search-fallback");

const PAGE = 10;
const FILTER_ORDER = ["类型", "村(社区)", "责任单位", "状态"];

// ---------- the index's files, loaded as scripts ----------

const waiting = new Map();
const loaded = new Map();
function arrive(key, value) {
  loaded.set(key, value);
  waiting.get(key)?.resolve(value);
  waiting.delete(key);
}
window.taizhangSearch = {
  meta: (m) => arrive("meta", m),
  shard: (n, pairs) => arrive(`shard-${n}`, pairs),
  pages: (n, pages) => arrive(`pages-${n}`, pages),
  filters: (f) => arrive("filters", f),
};

function load(key) {
  if (loaded.has(key)) return Promise.resolve(loaded.get(key));
  if (!waiting.has(key)) {
    let resolve, reject;
    const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
    waiting.set(key, { promise, resolve, reject });
    const script = document.createElement("script");
    script.src = `${indexDir}${key}.js`;
    script.onerror = () => { waiting.get(key)?.reject(new Error(key)); waiting.delete(key); };
    document.head.append(script);
  }
  return waiting.get(key).promise;
}

// `0,3,11` (base-36 gaps) as page numbers 0, 3, 40.
function numbers(gaps) {
  const out = [];
  let n = 0;
  if (gaps) for (const gap of gaps.split(",")) { n += parseInt(gap, 36); out.push(n); }
  return out;
}

// The same hash as the index's builder, over UTF-16 code units.
function shardOf(pair, shards) {
  let hash = 2166136261;
  for (let i = 0; i < pair.length; i++) {
    hash ^= pair.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash % shards;
}

// ---------- text as compared ----------

// Each character of `text` as compared: NFKC (full-width letters, digits
// and punctuation as ASCII), lower case, without spaces (zero-width ones
// too); with the index in `text` each came from.
function normalise(text) {
  const chars = [];
  const from = [];
  let at = 0;
  for (const c of text) {
    for (const n of c.normalize("NFKC").toLowerCase()) {
      if (!/[\s\u200b-\u200d\ufeff]/u.test(n)) {
        chars.push(n);
        from.push(at);
      }
    }
    at += c.length;
  }
  return { text: chars.join(""), chars, from };
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// `text` with the first occurrence of the normalised `query` marked, cut
// to about `width` characters around it; null when it does not occur.
function marked(text, query, width) {
  const n = normalise(text);
  const start = n.text.indexOf(query.text);
  if (start < 0) return null;
  const startChar = [...n.text.slice(0, start)].length;
  const endChar = startChar + query.chars.length;
  const from = n.from[startChar];
  const to = endChar < n.from.length ? n.from[endChar] : text.length;
  const before = Math.max(0, from - Math.floor(width / 3));
  const after = Math.min(text.length, to + width);
  return (before > 0 ? "…" : "") + escapeHtml(text.slice(before, from)) +
    "<mark>" + escapeHtml(text.slice(from, to)) + "</mark>" +
    escapeHtml(text.slice(to, after)) + (after < text.length ? "…" : "");
}

// ---------- finding ----------

// Pages holding every pair of `query` (in the title, and anywhere), each
// list in page order, which is the order of places, units, terms,
// problems, policy, notes and the plan.
async function candidates(meta, query) {
  const pairs = [];
  for (let i = 0; i + 1 < query.chars.length; i++) pairs.push(query.chars[i] + query.chars[i + 1]);
  // A long query (a sentence copied from a finding) is narrowed by six of
  // its pairs, spread along it; the check of each page does the rest.
  let unique = [...new Set(pairs)];
  if (unique.length > 6) unique = [0, 1, 2, 3, 4, 5].map((k) => unique[Math.round(k * (unique.length - 1) / 5)]);
  const shards = await Promise.all(unique.map((p) => load(`shard-${shardOf(p, meta.shards)}`)));
  let title = null, all = null;
  for (let i = 0; i < unique.length; i++) {
    const lists = shards[i][unique[i]];
    if (!lists) return { title: [], all: [] };
    const [t, a] = lists.split("|");
    title = intersect(title, numbers(t));
    all = intersect(all, numbers(a));
  }
  return { title: title ?? [], all: all ?? [] };
}

function intersect(a, b) {
  if (a === null) return b;
  const set = new Set(b);
  return a.filter((n) => set.has(n));
}

async function page(meta, n) {
  const pages = await load(`pages-${Math.floor(n / meta.chunk)}`);
  const [url, title, kind, content] = pages[n % meta.chunk];
  return { url, title, kind, content };
}

// ---------- the page ----------

// A page's address from this one. Opened from disk, a folder does not
// open its index.html by itself, so it is named, as the site's own links
// name it in a portable build.
function address(url) {
  if (location.protocol !== "file:") return root + url;
  const [path, hash] = url.split("#");
  const file = path === "" || path.endsWith("/") ? path + "index.html" : path;
  return root + file + (hash ? "#" + hash : "");
}

function say(text) {
  status.textContent = text;
}

start();

async function start() {
  let meta;
  try {
    meta = await load("meta");
  } catch (error) {
    say("搜索索引没有加载成功,请刷新页面再试,或从下面的整改清单查找。");
    return;
  }
  fallback.hidden = true;
  const selects = filterControls(meta);
  let generation = 0;
  let pending = [];
  let query = normalise("");
  let shown = 0;

  async function run() {
    const mine = ++generation;
    const typed = input.value.trim();
    query = normalise(typed);
    const chosen = [...selects].filter(([, s]) => s.value).map(([name, s]) => [name, s.value]);
    const params = new URLSearchParams();
    if (typed) params.set("q", typed);
    for (const [name, value] of chosen) params.set(name, value);
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    list.replaceChildren();
    more.hidden = true;
    shown = 0;
    pending = [];
    if (query.chars.length === 0 && chosen.length === 0) {
      say("");
      return;
    }
    if (query.chars.length === 1) {
      say("请至少输入两个字。");
      return;
    }
    say("正在搜索…");
    let order;
    if (query.chars.length >= 2) {
      const found = await candidates(meta, query);
      const inTitle = new Set(found.title);
      order = [...found.title, ...found.all.filter((n) => !inTitle.has(n))];
    } else {
      order = [...Array(meta.pages).keys()];
    }
    if (chosen.length > 0) {
      const filters = await load("filters");
      for (const [name, value] of chosen) {
        const keep = new Set(numbers(filters[name]?.[value]));
        order = order.filter((n) => keep.has(n));
      }
    }
    if (mine !== generation) return;
    pending = order;
    await show(mine, PAGE);
  }

  // Reads the next pages, keeps those holding the query, and lists them
  // until `count` more are shown or none are left.
  async function show(mine, count) {
    let added = 0;
    while (added < count && pending.length > 0) {
      const batch = pending.splice(0, count - added);
      const pages = await Promise.all(batch.map((n) => page(meta, n)));
      if (mine !== generation) return;
      for (const p of pages) {
        const item = resultItem(p);
        if (item) { list.append(item); added++; }
      }
    }
    shown += added;
    more.hidden = pending.length === 0;
    if (shown === 0) {
      say(query.chars.length ? `没有找到包含“${input.value.trim()}”的内容。可以换一个词,或只输入其中两三个字。` : "没有符合所选条件的内容。");
    } else {
      say(pending.length > 0 ? `已列出 ${shown} 项结果,还有更多` : `找到 ${shown} 项结果`);
    }
  }

  function resultItem(p) {
    let titleHtml = escapeHtml(p.title);
    let excerpt = null;
    if (query.chars.length) {
      const t = marked(p.title, query, 200);
      excerpt = marked(p.content, query, 60);
      if (!t && !excerpt) return null;
      if (t) titleHtml = t;
    }
    if (!excerpt) excerpt = escapeHtml(p.content.slice(0, 90)) + (p.content.length > 90 ? "…" : "");
    const li = document.createElement("li");
    const href = address(p.url);
    li.innerHTML = `<span class="kind">${escapeHtml(p.kind)}</span><a href="${escapeHtml(href)}">${titleHtml}</a>` +
      (excerpt ? `<p>${excerpt}</p>` : "");
    return li;
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 100);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  for (const [, select] of selects) select.addEventListener("change", run);
  more.addEventListener("click", () => show(generation, PAGE));

  // What the address asks for, unless the reader typed while the index
  // was loading: then what was typed.
  const params = new URLSearchParams(location.search);
  if (!input.value) input.value = params.get("q") ?? "";
  for (const [name, select] of selects) select.value = params.get(name) ?? "";
  // The box is not focused for the reader: the first Tab stays on the
  // skip link, as on every page.
  run();
}

// A select for each filter with two values or more, each with its count.
function filterControls(meta) {
  const selects = new Map();
  const names = Object.keys(meta.filters).sort((a, b) => FILTER_ORDER.indexOf(a) - FILTER_ORDER.indexOf(b));
  for (const name of names) {
    const values = meta.filters[name];
    if (values.length < 2) continue;
    const label = document.createElement("label");
    label.textContent = name;
    const select = document.createElement("select");
    select.append(new Option("全部", ""));
    for (const [value, count] of values) select.append(new Option(`${value}(${count})`, value));
    label.append(select);
    filtersBox.append(label);
    selects.set(name, select);
  }
  filtersBox.hidden = selects.size === 0;
  return selects;
}
