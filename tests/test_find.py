"""Tests of ``sciplan_model.extract.find_figures``: every figure in running text, in text
order, with its span (code points, half-open), its text as written (qualifier words
included, neutral lead words and 力争/争取/确保 left out) and the figure that
``Figure.parse`` gives for that text; and what reads like a figure but is none (years,
dates, document numbers, list markers, ordinals, ranks, names) left out.

Every sentence here is invented: the counties, enterprises and figures are made up."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualifiers import (
    ABOUT,
    AT_LEAST,
    AT_MOST,
    EXACT,
    LESS_THAN,
    MORE_THAN,
    NEARLY,
    ODD,
    RANGE,
    UNKNOWN,
)
from sciplan_model import Figure, Money, Qualifier, Quantity, SciplanError, WrongTypeError
from sciplan_model._reading import CN_NUMERAL_CHARS, fold_text
from sciplan_model.extract import Found, find_figures
from sciplan_model.strategies import figures as canonical_figures


def _texts(text: str) -> list[str]:
    """The texts of the figures found in ``text``, in order."""
    return [f.text for f in find_figures(text)]


def _check_found(text: str, found: tuple[Found, ...]) -> None:
    """What holds of every result: in order, not overlapping, each span its text, each
    figure what Figure.parse reads from that text."""
    end = 0
    for f in found:
        assert end <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert Figure.parse(f.text) == f.figure
        end = f.end


# --- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("柳河县全年投入研发资金3,500元。", ["3,500元"]),
        ("拨付青禾镇科普经费85千元。", ["85千元"]),
        ("落实县级科技专项资金1200万元。", ["1200万元"]),
        ("完成技术合同成交额2.3亿元。", ["2.3亿元"]),
        ("兑现奖补资金1,234,567元。", ["1,234,567元"]),
        ("投入经费１５９。３万元。", ["１５９。３万元"]),
        ("投入经费159。3万元，其中市级财政42万元。", ["159。3万元", "42万元"]),
        ("落实配套资金4,203萬元。", ["4,203萬元"]),
        ("實現技工貿總收入3.2億元。", ["3.2億元"]),
        ("引导社会投入6億845萬元。", ["6億845萬元"]),
        ("兑现奖补资金6,957萬7千元。", ["6,957萬7千元"]),
        ("吸引风险投资1亿2000万元。", ["1亿2000万元"]),
        ("引导企业投入一亿二千万元。", ["一亿二千万元"]),
        ("拨付资金一亿二千余万元。", ["一亿二千余万元"]),
        ("拨付资金1亿2000余万元。", ["1亿2000余万元"]),
        ("发放贷款500万美元，引进外资300万欧元、2亿港元。", ["500万美元", "300万欧元", "2亿港元"]),
        ("投入资金500万，带动企业12家。", ["500万", "12家"]),
        ("计划投入科技经费20xx万以上。", ["20xx万以上"]),
        ("补贴标准100元/亩。", ["100元/亩"]),
    ],
)
def test_money_in_every_written_form_is_found(sentence: str, expected: list[str]) -> None:
    """Money in 元/千元/万元/亿元, 萬元/億元, compounds, separators, foreign money and 万 after money words is found whole."""
    assert _texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "start", "end", "figure"),
    [
        ("引导社会投入6億845萬元。", 6, 13, Figure(Money("60845", "万元"))),
        ("兑现奖补资金6,957萬7千元。", 6, 15, Figure(Money("69577", "千元"))),
        ("吸引风险投资1亿2000万元。", 6, 14, Figure(Money("12000", "万元"))),
        ("落实配套资金4,203萬元。", 6, 13, Figure(Money("4203", "万元"))),
        ("拨付资金一亿二千余万元。", 4, 11, Figure(Money("12000", "万元"), qualifier=ODD)),
        ("投入资金500万。", 4, 8, Figure(Money("500", "万元"))),
        (
            "计划投入科技经费20xx万以上。",
            8,
            15,
            Figure(None, "万元", AT_LEAST, placeholder="20xx"),
        ),
        ("发放贷款500万美元。", 4, 10, Figure(Quantity("500", "万美元"))),
    ],
)
def test_money_is_found_with_its_span_and_value(
    sentence: str, start: int, end: int, figure: Figure
) -> None:
    """A compound amount is one figure from its first digit to its 元 (6億845萬元 is 60845万元, never 845萬元)."""
    (found,) = find_figures(sentence)
    assert (found.start, found.end) == (start, end)
    assert found.text == sentence[start:end]
    assert found.figure == figure
    assert found.figure.range == figure.range


def test_odd_money_after_a_compound_is_read_in_its_scale() -> None:
    """一亿二千余万元 is between 1.2亿元 and 1.3亿元: the 万 after 余 scales the 二千 only."""
    (found,) = find_figures("拨付资金一亿二千余万元。")
    assert str(found.figure.range) == "(12000万元, 13000万元)"


def test_an_unreadable_compound_is_not_found_in_part() -> None:
    """6億845萬7元, which the grammar cannot read, is not found as 845萬7元 or 7元, and
    1亿2000余元 (余 with no scale after it) not as 2000余元."""
    assert _texts("实现产值1亿2000余元，新增企业5家。") == ["5家"]
    assert _texts("投入资金6億845萬7元。") == []


def test_money_takes_no_bracketed_alternative_in_prose() -> None:
    """An alternative after money (5万元(次)) is no part of the figure: the money stands."""
    assert _texts("每次补助5万元(次)。") == ["5万元"]


# --- counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "unit"),
    [
        ("新增发明专利授权45项。", "45项", "项"),
        ("建成村级服务站12个。", "12个", "个"),
        ("新认定高新技术企业18家。", "18家", "家"),
        ("帮扶脱贫农户260户。", "260户", "户"),
        ("培训新型职业农民1200人。", "1200人", "人"),
        ("接待参观群众800人次。", "800人次", "人次"),
        ("选派科技特派员35名。", "35名", "名"),
        ("邀请农业专家6位授课。", "6位", "位"),
        ("征集技术需求56件。", "56件", "件"),
        ("举办科技集市12场。", "12场", "场"),
        ("开展科普讲座30场次。", "30场次", "场次"),
        ("举办实用技术培训班8期。", "8期", "期"),
        ("开展专家下乡服务24次。", "24次", "次"),
        ("发放明白纸3000份。", "3000份", "份"),
        ("印发技术手册500册。", "500册", "册"),
        ("推广新品种9种。", "9种", "种"),
        ("配套检测设备15套。", "15套", "套"),
        ("新建农民技术学校4所。", "4所", "所"),
        ("设立专家工作站7处。", "7处", "处"),
        ("建成示范田6块。", "6块", "块"),
        ("发放教学光盘200张。", "200张", "张"),
        ("发表科技论文40篇。", "40篇", "篇"),
        ("推广节水灌溉1200亩。", "1200亩", "亩"),
        ("推广优质稻3万亩。", "3万亩", "万亩"),
        ("引进良种肉牛300头。", "300头", "头"),
        ("发放良种鸡苗5000只。", "5000只", "只"),
        ("生产有机饲料80吨。", "80吨", "吨"),
        ("收购鲜茶叶2500公斤。", "2500公斤", "公斤"),
        ("采摘高山蜜桃500斤。", "500斤", "斤"),
        ("修建机耕道12公里。", "12公里", "公里"),
        ("外销脐橙300箱。", "300箱", "箱"),
        ("培训骨干2万人次。", "2万人次", "万人次"),
    ],
)
def test_every_measure_word_is_found(sentence: str, expected: str, unit: str) -> None:
    """A count in each measure word a plan uses is found with that unit."""
    (found,) = find_figures(sentence)
    assert found.text == expected
    assert found.figure.unit == unit
    assert found.figure.qualifier is EXACT


@pytest.mark.parametrize(
    ("sentence", "expected", "canonical"),
    [
        ("新增科技項目12項。", "12項", "12项"),
        ("建成站點5個。", "5個", "5个"),
        ("舉辦科普活動8場。", "8場", "8场"),
        ("建成示範田3塊。", "3塊", "3块"),
        ("發放光碟30張。", "30張", "30张"),
        ("茶葉產量20噸。", "20噸", "20吨"),
        ("服務企業600餘家。", "600餘家", "600余家"),
        ("培訓農民約300人。", "約300人", "约300人"),
        ("引進人才超過80名。", "超過80名", "超过80名"),
        ("新增專利２０件。", "２０件", "20件"),
    ],
)
def test_traditional_and_full_width_forms_are_found(
    sentence: str, expected: str, canonical: str
) -> None:
    """項 個 場 塊 張 噸, 餘 約 超過 and full-width digits are found as written and read as simplified."""
    (found,) = find_figures(sentence)
    assert found.text == expected
    assert str(found.figure) == canonical


# --- bracketed alternatives --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "unit", "alternative"),
    [
        ("全年培训农民500人(次)。", "500人(次)", "人", "人次"),
        ("举办科普活动30场（次）。", "30场（次）", "场", "场次"),
        ("印发资料2000份(册)。", "2000份(册)", "份", "册"),
        ("走访企业80家(次)。", "80家(次)", "家", "家次"),
        ("培训学员1.2万人(次)。", "1.2万人(次)", "万人", "人次"),
    ],
)
def test_a_bracketed_alternative_keeps_the_figure_readable(
    sentence: str, expected: str, unit: str, alternative: str
) -> None:
    """人(次), 场(次), 份(册), 家(次): the figure keeps its own unit and the alternative."""
    (found,) = find_figures(sentence)
    assert found.text == expected
    assert (found.figure.unit, found.figure.alternative_unit) == (unit, alternative)


def test_an_included_end_in_brackets_is_part_of_the_figure() -> None:
    """30万元(含)以上: (含) says the figure itself is included; the whole is one figure."""
    (found,) = find_figures("单项投入30万元(含)以上的项目。")
    assert found.text == "30万元(含)以上"
    assert found.figure == Figure(Money("30", "万元"), qualifier=AT_LEAST)


# --- percentages, percentage points, multiples, rates ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "canonical", "unit"),
    [
        ("研发投入强度达到2.6%。", "2.6%", "2.6%", "%"),
        ("科技进步贡献率达35.7％。", "35.7％", "35.7%", "%"),
        ("比上年提高0.4个百分点。", "0.4个百分点", "0.4个百分点", "个百分点"),
        ("产值增长2.6倍。", "2.6倍", "2.6倍", "倍"),
        ("销售收入翻了10倍多。", "10倍多", "10余倍", "倍"),
        ("发明专利拥有量达每万人1.6件。", "每万人1.6件", "1.6件/万人", "件/万人"),
        ("研发人员人均产出12件/百人年。", "12件/百人年", "12件/百人年", "件/百人年"),
        ("百分之三十的企业建有研发机构。", "百分之三十", "30%", "%"),
        ("覆盖百分之三十五点五的行政村。", "百分之三十五点五", "35.5%", "%"),
        ("行政村覆盖率达百分之百。", "百分之百", "100%", "%"),
        ("增长5-10%。", "5-10%", "5至10%", "%"),
        ("提高3.5个百分点以上。", "3.5个百分点以上", "3.5个百分点以上", "个百分点"),
    ],
)
def test_ratios_and_rates_are_figures_with_their_unit(
    sentence: str, expected: str, canonical: str, unit: str
) -> None:
    """Percentages, 个百分点, multiples and rates (每万人1.6件, 12件/百人年) are figures whose unit says what they are."""
    (found,) = find_figures(sentence)
    assert found.text == expected
    assert str(found.figure) == canonical
    assert found.figure.unit == unit


def test_per_without_a_number_is_no_figure() -> None:
    """每万人 before words, not a number, starts no figure; the number after is a count."""
    assert _texts("每万人发明专利拥有量为1.6件。") == ["1.6件"]


# --- qualifiers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "qualifier"),
    [
        ("全县高新技术企业近60家。", "近60家", NEARLY),
        ("科技投入将近5.5亿元。", "将近5.5亿元", NEARLY),
        ("培训农民约300人。", "约300人", ABOUT),
        ("参训人员接近90人。", "接近90人", NEARLY),
        ("技术合同成交额超过5000万元。", "超过5000万元", MORE_THAN),
        ("专利申请量突破1500件。", "突破1500件", MORE_THAN),
        ("新增科技型企业不少于20家。", "不少于20家", AT_LEAST),
        ("新增科技型企业不少於20家。", "不少於20家", AT_LEAST),
        ("每人至少参训3期以上。", "至少参训3期以上", AT_LEAST),
        ("新增省级研发平台30家以上。", "30家以上", AT_LEAST),
        ("服务企业600余家。", "600余家", ODD),
        ("指导合作社130多家。", "130多家", ODD),
        ("带动就业2万余人。", "2万余人", ODD),
        ("项目周期3年多。", "3年多", ODD),
        ("每期学员100人左右。", "100人左右", ABOUT),
        ("每期学员100人以内。", "100人以内", AT_MOST),
        ("每期学员100人以內。", "100人以內", AT_MOST),
        ("单项补助不超过20万元。", "不超过20万元", AT_MOST),
        ("贫困户不足30户。", "不足30户", LESS_THAN),
        ("申报项目突破百项。", "突破百项", MORE_THAN),
        ("参加交流近千人。", "近千人", NEARLY),
        ("培训约100人左右。", "约100人左右", ABOUT),
    ],
)
def test_qualifier_words_belong_to_the_figure(
    sentence: str, expected: str, qualifier: Qualifier
) -> None:
    """Qualifier words before and after (近 约 超过 突破 不少于 以上 余 多 左右 以内 …) are part of the figure's text."""
    (found,) = find_figures(sentence)
    assert found.text == expected
    assert found.figure.qualifier is qualifier


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新增企业达45家。", "45家"),
        ("累计投入1.2亿元。", "1.2亿元"),
        ("全县共有科技型企业30家。", "30家"),
        ("全年完成产值5亿元。", "5亿元"),
        ("共计培训20个课时。", "20个课时"),
        ("力争突破1500件。", "突破1500件"),
        ("确保超过5000万元。", "超过5000万元"),
        ("争取新增高新技术企业20家。", "20家"),
        ("达到30家以上。", "30家以上"),
    ],
)
def test_lead_words_and_aspirations_are_left_out(sentence: str, expected: str) -> None:
    """Neutral lead words (达 累计 共有 全年) and 力争/争取/确保 are left out of the found text and figure."""
    (found,) = find_figures(sentence)
    assert found.text == expected
    assert found.figure.aspirational is False


def test_two_targets_for_one_indicator_are_two_figures() -> None:
    """确保超过5000万元、力争6000万元 gives a floor and a stretch, each with its span."""
    found = find_figures("技术合同成交额确保超过5000万元、力争6000万元。")
    assert [(f.start, f.end, f.text) for f in found] == [
        (9, 17, "超过5000万元"),
        (20, 26, "6000万元"),
    ]
    assert found[0].figure == Figure(Money("5000", "万元"), qualifier=MORE_THAN)
    assert found[1].figure == Figure(Money("6000", "万元"))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("厉行节约3项措施。", ["3项"]),
        ("与5家企业签约，附近10个村受益。", ["5家", "10个"]),
        ("最近3次检查均合格。", ["3次"]),
    ],
)
def test_words_that_end_in_a_qualifier_character_are_no_qualifier(
    sentence: str, expected: list[str]
) -> None:
    """节约, 附近, 最近 end in 约 or 近 but qualify nothing."""
    assert _texts(sentence) == expected


# --- ranges --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "low", "high"),
    [
        ("每人参训1-2次。", "1-2次", Quantity("1", "次"), Quantity("2", "次")),
        ("每人参训1—2次。", "1—2次", Quantity("1", "次"), Quantity("2", "次")),
        ("每人参训1——2次。", "1——2次", Quantity("1", "次"), Quantity("2", "次")),
        ("每人参训1至2次。", "1至2次", Quantity("1", "次"), Quantity("2", "次")),
        ("每人参训1~2次。", "1~2次", Quantity("1", "次"), Quantity("2", "次")),
        ("每人参训1～2次。", "1～2次", Quantity("1", "次"), Quantity("2", "次")),
        ("每人参训1―2次。", "1―2次", Quantity("1", "次"), Quantity("2", "次")),
        ("每人参训1――2次。", "1――2次", Quantity("1", "次"), Quantity("2", "次")),
        ("每校开设一至二门课程。", "一至二门", Quantity("1", "门"), Quantity("2", "门")),
        ("引进资金3-5亿元。", "3-5亿元", Money("3", "亿元"), Money("5", "亿元")),
        ("资助3万至5万元。", "3万至5万元", Money("3", "万元"), Money("5", "万元")),
        ("项目周期为2—3年。", "2—3年", Quantity("2", "年"), Quantity("3", "年")),
        ("力争1——2年内完成。", "1——2年内", Quantity("1", "年"), Quantity("2", "年")),
    ],
)
def test_a_range_is_one_figure_with_both_ends(
    sentence: str, expected: str, low: Quantity, high: Quantity
) -> None:
    """1-2次, 1—2次, 1——2次, 1至2次, 一至二门 (and the other dashes) are one RANGE figure."""
    (found,) = find_figures(sentence)
    assert found.text == expected
    assert found.figure.qualifier is RANGE
    assert found.figure.value is not None
    assert found.figure.upper is not None
    assert (found.figure.value.magnitude, found.figure.value.unit) == (low.magnitude, low.unit)
    assert (found.figure.upper.magnitude, found.figure.upper.unit) == (high.magnitude, high.unit)


# --- placeholders --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "placeholder", "unit"),
    [
        ("全年投入科技经费20xx万元。", "20xx万元", "20xx", "万元"),
        ("全年投入科技经费20XX万元。", "20XX万元", "20XX", "万元"),
        ("计划投入X万元。", "X万元", "X", "万元"),
        ("新增高新技术企业x家。", "x家", "x", "家"),
        ("完成成果转化xx项。", "xx项", "xx", "项"),
        ("研发投入增长×%。", "×%", "×", "%"),
        ("培育科技型企业**家。", "**家", "**", "家"),
        ("建成众创空间*个。", "*个", "*", "个"),
        ("培训农民***人次。", "***人次", "***", "人次"),
        ("引进人才ＸＸ名。", "ＸＸ名", "XX", "名"),
    ],
)
def test_a_placeholder_is_an_unknown_figure(
    sentence: str, expected: str, placeholder: str, unit: str
) -> None:
    """Placeholders (20xx X x xx × * ** ***) are found as unknown figures, never zero, never skipped."""
    (found,) = find_figures(sentence)
    assert found.text == expected
    assert found.figure.value is None
    assert found.figure.qualifier is UNKNOWN
    assert found.figure.placeholder == placeholder
    assert found.figure.unit == unit
    assert found.figure.range.is_known is False


def test_a_qualified_placeholder_keeps_its_qualifier() -> None:
    """超过20xx万元 and 20xx家以上 are unknown, but keep the words that bound them."""
    found = find_figures("确保超过20xx万元，新增企业20xx家以上。")
    assert [f.text for f in found] == ["超过20xx万元", "20xx家以上"]
    assert [f.figure.qualifier for f in found] == [MORE_THAN, AT_LEAST]


def test_markdown_bold_is_no_placeholder() -> None:
    """**12项** in a Markdown plan is 12项 in bold, not a placeholder followed by digits."""
    assert _texts("完成**12项**重点任务，新增**企业5家**。") == ["12项", "5家"]


def test_a_placeholder_year_is_no_figure() -> None:
    """20xx年 is the year of a template, not a figure of time."""
    assert _texts("20xx年全县投入科技经费20xx万元。") == ["20xx万元"]


# --- spaces and newlines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "canonical"),
    [
        ("推广节水灌溉8500 亩。", ["8500 亩"], ["8500亩"]),
        ("收购\n约\n500斤。", ["约\n500斤"], ["约500斤"]),
        ("收购约\r\n500斤。", ["约\r\n500斤"], ["约500斤"]),
        ("推广8500\n亩。", ["8500\n亩"], ["8500亩"]),
        ("投入 5 万元。", ["5 万元"], ["5万元"]),
        ("种植约 500 亩。", ["约 500 亩"], ["约500亩"]),
        ("每人至少参训\n3期以上。", ["至少参训\n3期以上"], ["3期以上"]),
        ("比上年提高1个\n百分点以上。", ["1个\n百分点以上"], ["1个百分点以上"]),
        ("推广节水灌溉8500\xa0亩。", ["8500\xa0亩"], ["8500亩"]),
        ("收购约\xa0500斤。", ["约\xa0500斤"], ["约500斤"]),
        ("推广节水灌溉8500\u3000亩。", ["8500\u3000亩"], ["8500亩"]),
        # a wrapped line inside a qualifier's words (text converted from a PDF)
        ("开展活动不少\n于10场。", ["不少\n于10场"], ["10场以上"]),
        ("占比低\r\n于1%的企业", ["低\r\n于1%"], ["不满1%"]),
        ("每户至\n少服务4次以上。", ["至\n少服务4次以上"], ["4次以上"]),
        ("新增企业30家以\n上。", ["30家以\n上"], ["30家以上"]),
    ],
)
def test_spaces_and_a_line_break_inside_a_figure(
    sentence: str, expected: list[str], canonical: list[str]
) -> None:
    """A space or one line break between the parts of a figure keeps it one figure."""
    found = find_figures(sentence)
    assert [f.text for f in found] == expected
    assert [str(f.figure) for f in found] == canonical


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("项目\t500\t人", []),
        ("培训约\n\n500人。", ["500人"]),
        ("新增企业5家\n\n以上内容请各单位落实。", ["5家"]),
    ],
)
def test_a_tab_or_a_paragraph_parts_a_figure(sentence: str, expected: list[str]) -> None:
    """No figure runs across a tab (a table's cells) or an empty line (paragraphs)."""
    assert _texts(sentence) == expected


# --- durations and calendar years ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "canonical"),
    [
        ("项目实施周期3年。", "3年", "3年"),
        ("建设期6个月。", "6个月", "6个月"),
        ("力争1——2年内建成。", "1——2年内", "1至2年"),
        ("驻村工作3年多。", "3年多", "3余年"),
        ("用两年时间完成改造。", "两年", "2年"),
        ("3至5年以内完成转化。", "3至5年以内", "3至5年"),
        ("专家已在该村服务16年。", "16年", "16年"),
    ],
)
def test_a_span_of_time_is_a_figure(sentence: str, expected: str, canonical: str) -> None:
    """3年, 6个月, 1——2年内, 3年多 are spans of time: figures in 年 or 个月."""
    (found,) = find_figures(sentence)
    assert found.text == expected
    assert str(found.figure) == canonical


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2010年全县新建站点5个。", ["5个"]),
        ("06年以来全县新建站点5个。", ["5个"]),
        ("较23年增长20%。", ["20%"]),
        ("到二〇三五年新增企业100家。", ["100家"]),
        ("108年度計畫新增企業5家。", ["5家"]),
        ("2025年底前建成平台3个。", ["3个"]),
        ("2021-2025年新增企业50家。", ["50家"]),
        ("2021—2025年累计投入3亿元。", ["3亿元"]),
        ("近三年来新增企业20家。", ["20家"]),
        ("近5年来新增企业30家。", ["30家"]),
        ("今后五年新增企业40家。", ["40家"]),
        ("五年累计投入2亿元。", ["2亿元"]),
        ("科技型企业三年净增80家。", ["80家"]),
        ("企业数由22年的40家增加到52家。", ["40家", "52家"]),
        ("今年是新一轮规划起步的一年。", []),
        ("资金来源\t五年合计\t年均\n", []),
        ("实施科技创新三年行动方案。", []),
        ("20世纪90年代建成。", []),
    ],
)
def test_a_calendar_year_is_no_figure(sentence: str, expected: list[str]) -> None:
    """Calendar years (2010年, 06年, 二〇三五年, 108年度, 2025年底) and times of reference are no figures."""
    assert _texts(sentence) == expected


# --- what is not a figure ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # dates
        ("6月份召开推进会，新增企业3家。", ["3家"]),
        ("1—9月份完成产值8亿元。", ["8亿元"]),
        ("1-9月新增企业12家。", ["12家"]),
        ("5月20日前完成申报。", []),
        ("2024年5月20日。", []),
        ("3月1日起施行。", []),
        # document, article and table numbers
        ("根据县政府〔2020〕17号文件精神。", []),
        ("按照[2015]53号通知要求。", []),
        ("依照条例第50条规定。", []),
        ("依照第三款规定。", []),
        ("详见附表4-2-1。", []),
        ("见附件3。", []),
        # list and page markers
        ("1、加强组织领导", []),
        ("(2)完善工作机制", []),
        ("①强化技术服务", []),
        ("A.落实工作责任", []),
        ("- 1 -", []),
        ("－ 12 －", []),
        # ordinals, editions, sessions, prizes
        ("在第24届农业博览会上签约。", []),
        ("县政府第23次常务会议研究通过。", []),
        ("县委十届五次全会提出。", []),
        ("确定第一批示范企业。", []),
        ("获市科技进步三等奖。", []),
        ("获一等奖2项。", ["2项"]),
        # ranks
        ("综合排名第二位。", []),
        ("进入全省前40位。", []),
        ("位列全市前三名。", []),
        # phases, the indefinite 一, set phrases
        ("推进二期工程建设。", []),
        ("培养一批科技骨干，建设一个平台。", []),
        ("今年新建一个，明年再建两个。", ["一个", "两个"]),
        ("统筹推进五位一体总体布局。", []),
        # named slogans and programmes
        ("开展“315”宣传活动。", []),
        ("实施十大工程。", []),
        ("推进四五普法。", []),
        ("十一五期间新增企业30家。", ["30家"]),
        ("“十四五”期间新增企业50家。", ["50家"]),
        # quantities inside a name
        ("组织“百名专家进千村”活动。", []),
        ("开展“3个100”工程。", []),
        ("学习《关于加快建设3个中心的意见》。", []),
        ("推广《十万个为什么》丛书500册。", ["500册"]),
        # a level before 以上
        ("省级以上研发平台5个。", ["5个"]),
        ("市以上龙头企业12家。", ["12家"]),
        ("新增市级以上科技项目230个。", ["230个"]),
        # 万 alone without money
        ("全县人口50万，新增企业5家。", ["5家"]),
    ],
)
def test_what_is_not_a_figure_is_not_found(sentence: str, expected: list[str]) -> None:
    """Dates, numbers of documents/articles/tables, markers, ordinals, ranks and names are left out; real figures stay."""
    assert _texts(sentence) == expected


# --- a plan's paragraph ---------------------------------------------------------------------------


PARAGRAPH = (
    "（三）石岭县2024年科技工作回顾\n"
    "1、全年共争取各级科技项目36项，经费159.3万元，其中：国列5项、11万元，"
    "省列24项、97万元，市列7项、51.3万元。\n"
    "2、新增高新技术企业近60家，培训农民2万人次以上，举办培训班30余期。\n"
)


def test_the_figures_of_a_paragraph_with_their_spans() -> None:
    """A plan's paragraph gives every figure once, in order, each at its place."""
    found = find_figures(PARAGRAPH)
    _check_found(PARAGRAPH, found)
    assert [f.text for f in found] == [
        "36项",
        "159.3万元",
        "5项",
        "11万元",
        "24项",
        "97万元",
        "7项",
        "51.3万元",
        "近60家",
        "2万人次以上",
        "30余期",
    ]
    first, money = found[0], found[1]
    assert (first.start, first.end) == (PARAGRAPH.index("36项"), PARAGRAPH.index("36项") + 3)
    assert money.figure == Figure(Money("159.3", "万元"))
    assert found[8].figure.range == Figure.parse("近60家").range
    assert found[9].figure == Figure(Quantity("2", "万人次"), qualifier=AT_LEAST)


def test_found_is_a_value() -> None:
    """A Found is frozen, compares by its fields and shows its span and text."""
    (a,) = find_figures("新增企业5家。")
    (b,) = find_figures("新增企业5家。")
    assert a == b
    assert hash(a) == hash(b)
    assert repr(a) == "Found(4, 6, '5家')"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.start = 0  # type: ignore[misc]


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "got"),
    [(None, "NoneType"), (b"5\xe5\xae\xb6", "bytes"), (5, "int"), (["5家"], "list")],
)
def test_text_that_is_not_a_str_is_a_type_error(value: object, got: str) -> None:
    """find_figures takes a str: anything else is our WrongTypeError, a TypeError."""
    with pytest.raises(WrongTypeError) as excinfo:
        find_figures(value)  # type: ignore[arg-type]
    assert isinstance(excinfo.value, TypeError)
    assert isinstance(excinfo.value, SciplanError)
    assert str(excinfo.value) == f"text must be a str, not {got}"


def test_an_empty_text_has_no_figures() -> None:
    """An empty text gives an empty tuple."""
    assert find_figures("") == ()


def test_binary_looking_text_is_read_without_error() -> None:
    """Control characters and replacement marks are read without error, and a figure among them is found."""
    junk = bytes(range(256)).decode("latin-1")
    assert find_figures(junk * 50) == ()
    text = "\x00\ufffd\x7f新增企业5家\x00\x1b[0m"
    assert [(f.start, f.end, f.text) for f in find_figures(text)] == [(7, 9, "5家")]


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "1" * 100_000 + "万元",
        "投入资金" + "9" * 100_000 + "万元",
        "x" * 100_000 + "家",
        "*" * 100_000,
        "1-" * 50_000 + "2个",
        "5万" * 50_000 + "元",
        "百分之" * 30_000,
        "每万" * 50_000,
        "“" * 100_000,
        "《" + "5家" * 50_000,
    ],
)
def test_long_runs_are_read_without_error(text: str) -> None:
    """Long runs of digits, placeholders, ranges, scales or marks are read without error, results well formed."""
    _check_found(text, find_figures(text))


def test_a_run_of_digits_is_no_figure() -> None:
    """A hundred thousand digits before 万元 are more than a number holds: no figure."""
    assert find_figures("1" * 100_000 + "万元") == ()


def test_a_megabyte_of_text_is_read() -> None:
    """A text of a million characters gives every figure of its paragraphs."""
    paragraph = (
        "柳河县投入科技经费1.2亿元，新增高新技术企业30家以上，" + "加强科技服务。" * 40 + "\n"
    )
    count = 1_000_000 // len(paragraph) + 1
    text = paragraph * count
    assert len(text) >= 1_000_000
    found = find_figures(text)
    assert len(found) == 2 * count
    assert found[-1].text == "30家以上"
    assert found[-1].start == len(text) - len(paragraph) + paragraph.index("30家以上")


# --- properties ----------------------------------------------------------------------------------

#: Characters that make figures and their surroundings, for texts where figures are likely.
_FIGURE_ALPHABET = (
    "0123456789０５.。,，-—――~～至到万亿萬億千百十一二两三五九〇零点元项个家人次场期年月日"
    "内以上下余多约近超过不少于满左右xX×*%/每分之倍(（)）含 \n\t\r\xa0―“”《》第前届号条美港吨亩"
    "公斤课时份册位名达累计共有全年力争确保参训企业资金投入"
)


@given(st.text(alphabet=st.sampled_from(_FIGURE_ALPHABET), max_size=40) | st.text(max_size=40))
def test_found_figures_are_ordered_disjoint_and_parse_back(text: str) -> None:
    """For any text, found figures are ordered, disjoint, their spans their texts, and parse to their figures."""
    _check_found(text, find_figures(text))


_BEFORE = ("本县今年的指标为", "据统计，", "全县完成任务", "截至目前：", "其中")
_AFTER = ("，请各单位落实。", "。", "；", "\n下一段", "")


@given(canonical_figures(), st.sampled_from(_BEFORE), st.sampled_from(_AFTER))
def test_a_canonical_figure_in_a_sentence_is_found_with_its_span(
    figure: Figure, before: str, after: str
) -> None:
    """A canonical figure between Chinese words and punctuation is found alone at its exact span (力争 left out)."""
    written = str(figure)
    lead = "力争" if figure.aspirational else ""
    text = before + written + after
    start = len(before) + len(lead)
    (found,) = find_figures(text)
    assert (found.start, found.end) == (start, len(before) + len(written))
    assert found.text == written[len(lead) :]
    assert found.figure == attrs.evolve(figure, aspirational=False, text="")


#: What may start a figure: digits, Chinese numerals, placeholder characters.
_STARTS = frozenset("0123456789xX×*") | CN_NUMERAL_CHARS


def _starts_nothing(c: str) -> bool:
    return not any(f in _STARTS for f in fold_text(c))


@given(
    st.text(alphabet=st.sampled_from([c for c in _FIGURE_ALPHABET if _starts_nothing(c)]))
    | st.text(st.characters().filter(_starts_nothing))
)
def test_text_without_numbers_has_no_figures(text: str) -> None:
    """A text without digits, Chinese numerals or placeholder characters has no figures."""
    assert find_figures(text) == ()


def test_digits_of_other_scripts_are_no_figures() -> None:
    """Arabic-Indic, Devanagari and mathematical digits are not read as numbers."""
    assert find_figures("投入资金٣万元，新增企业५家，𝟓项。") == ()


def test_the_value_of_a_found_figure_is_exact() -> None:
    """A found figure keeps its exact value: 159。3万元 is 1,593,000 元."""
    (found,) = find_figures("投入经费159。3万元。")
    assert found.figure.value == Money("1593000", "元")
    assert found.figure.value is not None
    assert found.figure.value.magnitude == Decimal("159.3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三明市三元区推行二元结构改革。", []),
        ("县十八届人大三次会议期间，召开3次专题会议。", ["3次"]),
        ("实现销售收入3亿元、带动就业1万，受益群众5万。", ["3亿元"]),
        ("投入资金500万，覆盖农户2万。", ["500万"]),
        ("覆盖率约30%—40%，补助3万-5万元/项。", ["30%—40%", "3万-5万元/项"]),
        ("全县科技特派员达到120，300户农户受益。", ["300户"]),
        ("争取上级资金4，203万元。", ["4，203万元"]),
    ],
)
def test_what_a_review_found(text: str, expected: list[str]) -> None:
    """Names with numerals (三元区), sessions after 届, 万 where money is spoken of only
    further back, a qualified range read from its number, a full-width comma grouping
    money only."""
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("审批周期由10年缩短至5年", ["10年", "5年"]),
        ("合作期限由15年延长到20年", ["15年", "20年"]),
        ("由23年的15家增至30家", ["15家", "30家"]),
    ],
)
def test_a_span_of_years_that_changes_is_a_span_not_a_year(text: str, found: list[str]) -> None:
    assert [f.text for f in find_figures(text)] == found
