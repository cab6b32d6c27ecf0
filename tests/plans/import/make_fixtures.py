"""Writes the three plan fixtures of this folder: qingshi-2018.html,
liuwan-2023.docx and tongmu-2020.txt.

Each is modelled on a real published plan (README.md names the source):
its numbering, headings, unit and deadline lines and layout quirks follow
the original; the places are invented and the prose is our own. Run it
from anywhere with `python3 make_fixtures.py`; the output is deterministic,
so a run with unchanged text changes no file.
"""

import os
import re
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”]"


def full_width(text):
    """ASCII , : ; ( ) next to Chinese text as the full-width forms a
    government document uses."""
    pairs = {",": "\uff0c", ":": "\uff1a", ";": "\uff1b", "(": "\uff08", ")": "\uff09"}
    out = []
    for i, c in enumerate(text):
        if c in pairs:
            before = text[i - 1] if i > 0 else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if re.match(CJK, before) or re.match(CJK, after) or c in "()":
                out.append(pairs[c])
                continue
        out.append(c)
    return "".join(out)


# ---------------------------------------------------------------------------
# qingshi-2018.html: a township's plan as its government site serves it.
# Modelled on 射箭乡人民政府, 2017年度脱贫攻坚成效考核反馈问题整改实施方案,
# https://cnzh.gov.cn/gongkai/show/20180905224007-23980-00-000.html
# ---------------------------------------------------------------------------

QINGSHI = [
    "为落实省、市关于2017年度脱贫攻坚成效考核反馈问题整改的部署(某委厅〔2018〕29 号),"
    "正视我乡工作中的短板,把考核指出的问题一项一项改到位,结合我乡实际,制定本实施方案。",
    "一、整改内容",
    "1.专项整改问题",
    "(1)脱贫人口计划按村“打包”下达,个别村达到退出标准却因没有计划不能退出,"
    "个别村尚未达标却被安排退出。(牵头单位:扶贫办;责任单位:各村支部)",
    "整改措施:改变先定指标、再找对象的做法,由各村按标准逐户评议,乡里逐户核实后确定退出名单,"
    "不再把计划指标作为能否退出的前提。",
    "整改时限:立即整改,长期坚持",
    "(2)住房安全方面。",
    "①有的易地搬迁户建房面积超出标准、举债建房,有的用易地搬 迁政策代替危房改造,"
    "搬迁之后产业和就业帮扶没有跟上。(牵头单位:扶贫办、村建所;责任单位:各村支部)",
    "整改措施:一是开展一次政策培训,让乡村干部讲得清搬迁对象、建房面积和补助标准;"
    "二是逐户复核搬迁对象,不符合条件的按程序调整;三是为每户搬迁户落实至少一项产业或就业帮扶。",
    "整改时限:2018年10月底前",
    "②石门村、白岩村仍有C级危房3户未改造,其中白岩村张德明户已列入计划,至今没有开工。"
    "(牵头单位:村建所;责任单位:石门村、白岩村)",
    "整改措施:一是对全乡农房安全再排查一遍,建立危房台账,逐户明确改造方式;"
    "二是已列入计划的危房10月底前全部开工,年底前入住。",
    "整改时限:2018年12月底前",
    "(3)饮水安全方面,部分农户水量不足、季节性缺水,集中供水点的水质没有检测。"
    "(牵头单位:水管站;责任单位:各村支部)",
    "整改措施:一是对全乡集中供水点开展一次水质检测,并把结果张贴公示;"
    "二是为季节性缺水的农户配备蓄水池或水窖。",
    "整改时限:2018年11月底前",
    "2.共性问题",
    "(1)部分帮扶责任人入户次数少,说不清所帮扶家庭的人口、收入和享受政策情况。"
    "(牵头单位:乡党政办;责任单位:各村支部、驻村工作队)",
    "整改措施:帮扶责任人每月至少入户一次,乡里每季度抽查帮扶手册和入户记录,"
    "抽查结果在全乡干部会上通报。",
    "整改时限:2018年9月底前,并长期坚持",
    "(2)扶贫档案不规范,户档和村档的数据对不上。(牵头单位:扶贫办;责任单位:各村支部)",
    "整改措施:一是统一档案目录和填写口径;二是对户、村两级档案逐项比对,发现不一致的当月改正。",
    "整改时限:2018年10月底前",
    "(3)教育资助政策宣传不到位,个别学生家长不知道孩子享受了哪些资助。"
    "(牵头单位:中心校;责任单位:各村支部)",
    "整改措施:学校和村两委共同给每户在校生家庭发放资助明白卡,并上门讲清楚。",
    "整改时限:2018年9月底前",
    "二、保障措施",
    "(一)加强组织领导。成立由乡党委书记任组长的整改工作领导小组,每半月听取一次整改进展汇报,"
    "研究解决整改中的难点。",
    "(二)严格督查问责。乡纪委对整改情况跟踪督查,对整改不力、敷衍应付的,严肃追究相关人员责任。",
]


def write_qingshi():
    body = []
    for text in QINGSHI:
        text = full_width(text)
        # The site's editor indents with non-breaking spaces and splits
        # runs of text into spans where the author changed formatting.
        if text.startswith("①") or text.startswith("②"):
            half = len(text) // 2
            text = f'<span style="font-family:宋体">{text[:half]}</span>{text[half:]}'
        body.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{text}</p>')
    # One paragraph as the site's editor broke it: a line break mid-sentence.
    body[1] = body[1].replace("正视我乡工作中的短板\uff0c", "正视我乡工作中的短板\uff0c<br/>")
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>2017年度脱贫攻坚成效考核反馈问题整改实施方案-青石乡人民政府</title>
<link href="/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">
  function doZoom(size) {{ document.getElementById('zoom').style.fontSize = size + 'px'; }}
  var pageTitle = "关于印发整改方案的通知";
</script>
</head>
<body>
<div class="top"><div class="logo"><img src="/images/logo.png" alt="青石乡人民政府" /></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/News/">新闻中心</a></li>
<li><a href="/gongkai/">政府信息公开</a></li><li><a href="/bsfw/">办事服务</a></li>
<li><a href="/hdjl/">互动交流</a></li></ul></div></div>
<div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/gongkai/">政府信息公开</a> &gt; 扶贫开发</div>
<div class="gk-main">
<div class="gk-left"><ul><li><a href="/gongkai/zhinan/">信息公开指南</a></li>
<li><a href="/gongkai/zhidu/">信息公开制度</a></li><li><a href="/gongkai/nianbao/">信息公开年报</a></li></ul></div>
<div class="gk-article">
<div class="gk-head">政府信息公开</div>
<h1>2017年度脱贫攻坚成效考核反馈问题整改实施方案</h1>
<div class="gk-info">发布机构: 青石乡人民政府 发布时间: 2018-09-05 字体: [ <a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a> ]</div>
<div class="TRS_Editor" id="zoom">
{chr(10).join(body)}
<p style="text-align:right">青石乡人民政府</p>
<p style="text-align:right">2018年9月5日</p>
</div>
<div class="gk-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div></div>
<div class="footer"><p>主办:青石乡人民政府 联系电话:0000-0000000</p><p>网站标识码:0000000000 备案号:某ICP备00000000号</p></div>
<script type="text/javascript">var _hmt = _hmt || [];</script>
</body>
</html>
"""
    with open(os.path.join(HERE, "qingshi-2018.html"), "w", encoding="utf-8", newline="\n") as f:
        f.write(page)


# ---------------------------------------------------------------------------
# liuwan-2023.docx: a district's plan as the Word file its office sends.
# Modelled on 潜江市某管理区, 2022年度巩固脱贫成果后评估反馈问题整改方案
# (责任落实、政策落实、工作落实 三个方面), https://www.hbqj.gov.cn/xxgk/xxgkml/
# qzcxxgkml/zjq/zfxxgk/fdzdgknr/qtzdgknr_34504/zdzcls/202306/t20230615_4709712.html
# ---------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

LIUWAN_NOTICE = [
    "柳管发〔2023〕9号",
    "中共柳湾管理区工作委员会",
    "柳湾管理区管理委员会",
    "关于印发《柳湾管理区2022年度巩固脱贫成果后评估反馈问题整改方案》的通知",
    "各社区,区直各单位:",
    "现将《柳湾管理区2022年度巩固脱贫成果后评估反馈问题整改方案》印发给你们,"
    "请结合工作实际,认真抓好落实。",
]

LIUWAN_PREAMBLE = (
    "按照《2022年度省巩固脱贫成果后评估反馈问题市级整改方案》(市农工发〔2023〕4号)的要求,"
    "为抓好省后评估反馈问题在我区的整改,结合管理区实际,制定本方案。"
)

LIUWAN_CHAPTERS = [
    ("指导思想", [
        "以习近平新时代中国特色社会主义思想为指导,把巩固拓展脱贫攻坚成果同乡村振兴有效衔接作为重大政治任务,"
        "聚焦“守底线、抓发展、促振兴”,以问题整改促工作提升,坚决守住不发生规模性返贫的底线。",
    ]),
    ("基本原则", [
        "坚持问题导向、目标导向、效果导向,对省后评估反馈的问题逐条分析原因,举一反三,"
        "能立即改的马上改,需要一段时间的明确时限、持续改。",
    ]),
]

LIUWAN_TABLE_INTRO = (
    "对照省后评估反馈的问题,结合自查情况,共梳理出3个方面6个问题,"
    "逐项明确整改措施、责任单位和完成时限,详见下表。"
)

# (category or None where the cell above is merged down, problem,
#  measures (a list is one numbered paragraph each), leader, units, deadline)
LIUWAN_ROWS = [
    ("责任落实方面", "政策底数不清。个别社区干部对衔接政策掌握不全,说不清本社区脱贫户、监测户的基本情况。",
     ["组织社区干部集中学习衔接政策,每季度开展一次政策测试。",
      "社区干部逐户走访脱贫户和监测户,做到户情底数“一口清”。"],
     "分管副主任", "党政办、各社区", "2023年7月底前"),
    ("政策落实方面", "社区卫生室建设不达标。新河社区卫生室诊室、药房没有分开,部分设施设备缺失。",
     "一是按标准重新划分卫生室功能区;二是补齐诊疗设备和常用药品,配齐乡村医生。",
     "分管副主任", "社会事务办、卫生院、新河社区", "2023年9月底前"),
    ("工作落实方面", "防返贫监测不扎实。个别社区对监测对象风险消除把关不严,集中排查走过场,"
     "排查结果与农户实际情况不符。",
     "一是对已消除风险的监测户逐户回访复核;二是集中排查实行干部交叉检查;三是每月召开一次监测研判会。",
     "分管副主任", "农业服务中心、各社区", "2023年8月底前,并长期坚持"),
    (None, "产业帮扶带动不足。新型经营主体带动脱贫户和监测户的比例偏低,有贷款意愿的脱贫户户贷率低于全省平均水平。",
     "一是对带动脱贫户的经营主体给予奖补;二是会同银行对有贷款意愿的脱贫户逐户对接,做到应贷尽贷。",
     "分管副主任", "经济发展办、农商行柳湾支行", "2023年12月底前"),
    (None, "人居环境整治不到位。东湖社区等部分社区生活垃圾转运不及时,公共区域有垃圾裸露堆放。",
     "一是增加垃圾转运频次,做到日产日清;二是每月开展一次人居环境评比,结果张榜公布。",
     "分管副主任", "城建办、各社区", "立行立改"),
    (None, "村规民约作用发挥不够。个别社区村规民约内容空泛,群众知晓率不高。",
     "一是指导各社区修订村规民约,经居民代表会议通过后公布;二是把遵守村规民约纳入文明家庭评选。",
     "分管副主任", "综治办、各社区", "2023年10月底前"),
]

LIUWAN_GUARANTEES = [
    ("加强组织领导", "成立以工委书记为组长的整改工作专班,每月调度一次整改进度。"),
    ("压实整改责任", "各责任单位主要负责人是第一责任人,对本单位整改任务负总责,按时限逐项销号。"),
    ("强化督查考核", "工委办对整改情况每月督查通报,整改结果纳入年度综合考核。"),
]


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text, style=None, num=None, align=None, deleted=None):
    """A paragraph; `num` is (numId, ilvl) for Word's automatic numbering."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    runs = ""
    # Word splits text into runs wherever the formatting or the spell
    # checker's state changes; split long text in two like it does.
    parts = [text] if len(text) < 24 else [text[: len(text) // 3], text[len(text) // 3:]]
    for i, part in enumerate(parts):
        rpr = '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>' if i == 0 else ""
        runs += f'<w:r>{rpr}<w:t xml:space="preserve">{esc(part)}</w:t></w:r>'
        if deleted and i == 0:
            runs += (f'<w:del w:id="1" w:author="办公室" w:date="2023-06-10T09:00:00Z"><w:r>'
                     f'<w:delText>{esc(deleted)}</w:delText></w:r></w:del>')
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def cell(content, width, merge=None):
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if merge:
        tcpr += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"


def liuwan_table():
    widths = [600, 1200, 2600, 2800, 1000, 1500, 1300]
    head = ["序号", "问题类别", "存在问题", "整改措施", "责任领导", "责任单位", "整改时限"]
    rows = ["<w:tr>" + "".join(cell(para(h, align="center"), w) for h, w in zip(head, widths)) + "</w:tr>"]
    num_id = 10
    for n, (category, problem, measures, leader, units, deadline) in enumerate(LIUWAN_ROWS, 1):
        if isinstance(measures, list):
            num_id += 1
            content = "".join(para(full_width(m), num=(num_id, 0)) for m in measures)
        else:
            content = para(full_width(measures))
        cells = [
            cell(para(str(n), align="center"), widths[0]),
            cell(para(category or "", align="center"), widths[1], "restart" if category else "continue"),
            cell(para(full_width(problem)), widths[2]),
            cell(content, widths[3]),
            cell(para(leader), widths[4]),
            cell(para(full_width(units)), widths[5]),
            cell(para(full_width(deadline)), widths[6]),
        ]
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="a3"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def liuwan_document():
    out = []
    for i, line in enumerate(LIUWAN_NOTICE):
        out.append(para(full_width(line), align="center" if i < 4 else None))
    out.append(para("中共柳湾管理区工作委员会\u3000\u3000柳湾管理区管理委员会", align="right"))
    out.append(para("2023年6月12日", align="right"))
    out.append(para("", align="center"))
    # The plan's title, with a word the author deleted under tracked changes.
    out.append(para("柳湾管理区2022年度巩固脱贫成果后评估反馈问题整改方案", align="center", deleted="（征求意见稿）"))
    out.append(para(full_width(LIUWAN_PREAMBLE)))
    # Chapters take 一、 from the heading style's numbering, sub-headings
    # (一) from their own: neither number is in the text.
    for title, paragraphs in LIUWAN_CHAPTERS:
        out.append(para(title, style="1"))
        out.extend(para(full_width(p)) for p in paragraphs)
    out.append(para("问题清单及整改措施", style="1"))
    out.append(para(full_width(LIUWAN_TABLE_INTRO)))
    out.append(liuwan_table())
    out.append(para("保障措施", style="1"))
    for title, text in LIUWAN_GUARANTEES:
        out.append(para(title, num=(2, 1)))
        out.append(para(full_width(text)))
    body = "".join(out)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}"><w:body>{body}'
            f'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')


def liuwan_numbering():
    def level(ilvl, fmt, text):
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')

    outline = level(0, "chineseCounting", "%1、") + level(1, "chineseCounting", "\uff08%2\uff09")
    decimal = level(0, "decimal", "%1.")
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    # The sub-headings continue the outline list of the chapters.
    nums += '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
    for num_id in range(11, 11 + len(LIUWAN_ROWS)):
        nums += (f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="1"/>'
                 f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W}">'
            f'<w:abstractNum w:abstractNumId="0">{outline}</w:abstractNum>'
            f'<w:abstractNum w:abstractNumId="1">{decimal}</w:abstractNum>{nums}</w:numbering>')


def liuwan_styles():
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
            '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
            '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
            "</w:styles>")


def write_liuwan():
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            "</Relationships>"),
        "word/document.xml": liuwan_document(),
        "word/styles.xml": liuwan_styles(),
        "word/numbering.xml": liuwan_numbering(),
    }
    path = os.path.join(HERE, "liuwan-2023.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2023, 6, 12, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


# ---------------------------------------------------------------------------
# tongmu-2020.txt: a township's plan copied out of a PDF into Notepad and
# saved in the default Chinese Windows encoding (GBK, CRLF): lines broken
# where the page broke them, page numbers between, ASCII and full-width
# punctuation mixed. Modelled on 贫困县退出专项评估检查反馈问题整改方案 (a
# township's plan, 二、反馈问题及整改措施 / (一)专项评估发现问题 / 1. …
# 整改措施:一是…), https://ledvip.com/shiyongfanwen4/5981.html, laid out
# as the PDF text of http://117.156.67.38/zwgk-view/771.html is.
# ---------------------------------------------------------------------------

TONGMU = [
    ("title", "桐木乡贫困县退出专项评估检查"),
    ("title", "反馈问题整 改 方 案"),
    ("p", "国家贫困县退出专项评估检查组于3月下旬对我区脱贫攻坚工作开展了专项评估,"
          "指出了工作中存在的不足,这些问题在我乡也不同程度存在。为把评估发现的问题改彻底,"
          "巩固脱贫成果,迎接国家脱贫攻坚普查,结合我乡实际,制定本方案。"),
    ("h", "一、指导思想"),
    ("p", "以习近平新时代中国特色社会主义思想为指导,对照“户脱贫、村退出、区摘帽”的标准,"
          "举一反三、全面排查,确保评估发现的问题全部整改到位。"),
    ("h", "二、反馈问题及整改措施"),
    ("h", "(一)专项评估发现问题"),
    ("p", "1.基础资料不够规范。村级层面,部分村档案资料填写不严谨,支撑材料不齐全;"
          "户级层面,个别入户调查表没有填写日期,个别收入登记表有漏填,"
          "个别户的脱贫确认书没有签字。"),
    ("p", "整改措施:一是组织第一书记、驻村工作队员和村“两委”干部集中培训,统一填写口径;"
          "二是对村、户两级资料逐本检查,缺什么补什么;三是乡扶贫办每月抽查一次,"
          "抽查情况在乡村干部会上通报。"),
    ("p", "责任单位:乡扶贫办、各村"),
    ("p", "整改时限:2020年5月底前"),
    ("p", "2.帮扶工作不够精准。个别帮扶措施与贫困户需求不对应,有劳动力的户没有落实"
          "就业帮扶,有产业意愿的户没有得到技术指导。"),
    ("p", "整改措施:一是逐户重新分析致贫原因和发展需求,调整帮扶措施;二是对有劳动力的户"
          "逐人登记就业意愿,推荐岗位;三是组织农技人员入户开展技术指导。"),
    ("p", "责任单位:乡扶贫办、乡农业服务中心、各村"),
    ("p", "整改时限:2020年6月底前"),
    ("p", "3.群众认可度有待提高。部分群众对帮扶政策知晓率不高,个别非贫困户对评定结果"
          "有意见,认为评定不公平。"),
    ("p", "整改措施:一是开展政策宣讲进院坝活动,每户发放政策明白卡;二是对评定结果有意见的"
          "群众逐户上门解释,确有问题的按程序纠正。"),
    ("p", "责任单位:乡党政办、各村"),
    ("p", "整改时限:2020年5月底前,并长期坚持"),
    ("h", "(二)自查发现问题"),
    ("p", "1.饮水安全存在隐患。枫树村、龙潭村部分农户饮水管道老化破损,旱季供水不稳定。"),
    ("p", "整改措施:一是对两村供水管网逐段检修,更换老化管道;二是旱季安排应急送水。"),
    ("p", "责任单位:乡水管站、枫树村、龙潭村"),
    ("p", "整改时限:2020年6月底前"),
    ("p", "2.产业项目收益分配不规范。个别村集体产业项目收益未按方案分配给贫困户,"
          "分配情况没有公示。"),
    ("p", "整改措施:一是清查2019年以来各村产业项目收益和分配情况;二是按方案补发应分配收益,"
          "分配结果在村务公开栏公示。"),
    ("p", "责任单位:乡财政所、各村"),
    ("p", "整改时限:2020年7月底前"),
    ("p", "3.公益性岗位管理松散。个别护林员、保洁员岗位人员不按时上岗,考勤记录不全。"),
    ("p", "整改措施:一是建立公益性岗位考勤和考核台账;二是对长期不上岗的人员按规定调整。"),
    ("p", "责任单位:乡社保所、各村"),
    ("p", "整改时限:2020年5月底前"),
    ("h", "三、保障措施"),
    ("p", "(一)加强领导。乡党委、政府主要负责同志亲自抓整改,班子成员按分工抓好分管领域的整改。"),
    ("p", "(二)严格督导。乡纪委对整改进度每半月督导一次,对整改不力的单位和个人严肃追责。"),
    ("sign", "桐木乡人民政府"),
    ("sign", "2020年4月8日"),
]


def wrap(text, width):
    lines = []
    while len(text) > width:
        lines.append(text[:width])
        text = text[width:]
    lines.append(text)
    return lines


def write_tongmu():
    lines = []
    page_lines = 0
    page = 1
    for n, (kind, text) in enumerate(TONGMU):
        # Half the paragraphs keep ASCII punctuation, as when the PDF's
        # fonts map them so.
        if n % 2 == 0:
            text = full_width(text)
        if kind == "title":
            out = ["            " + text]
        elif kind == "sign":
            out = ["                                  " + text]
        elif kind == "h":
            out = ["    " + text]
        else:
            out = wrap("    " + text, 30)
        for line in out:
            lines.append(line)
            page_lines += 1
            if page_lines == 26:
                # The PDF's page footer, between two lines of one sentence.
                page += 1
                lines.append("")
                lines.append(f"                              — {page - 1} —")
                lines.append("")
                page_lines = 0
    text = "\r\n".join(lines) + "\r\n"
    with open(os.path.join(HERE, "tongmu-2020.txt"), "wb") as f:
        f.write(text.encode("gbk"))


if __name__ == "__main__":
    write_qingshi()
    write_liuwan()
    write_tongmu()
