//! What the views of the model must say.

use super::summary;

#[test]
fn summarises_to_the_first_clause() {
    assert_eq!(
        summary("明确监测对象纳入标准,对“3+1”保障不到位……"),
        "明确监测对象纳入标准"
    );
    assert_eq!(summary("**逐笔核实分类处置。**对存量…"), "逐笔核实分类处置");
    assert_eq!(summary(&"长".repeat(50)).chars().count(), 41);
}
