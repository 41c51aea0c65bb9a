//! The parser against the real seed: structure, exact texts, encodings, bad inputs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test fails loudly, as it should.

use senryaku::report::{self, Item, NodeId, Origin, Report, SEED};

fn seed() -> Report {
    report::from_bytes(SEED, Origin::Embedded).unwrap().report
}

fn m(r: &Report, id: &str) -> report::Measure {
    r.measure(id.parse().unwrap()).unwrap().clone()
}

fn texts(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.text.as_str()).collect()
}

#[test]
fn counts_per_level() {
    let r = seed();
    assert_eq!(r.parts.len(), 4);
    let chapters: Vec<usize> = r.parts.iter().map(|p| p.chapters.len()).collect();
    assert_eq!(chapters, vec![5, 4, 3, 4]);
    let per_chapter: Vec<usize> = r
        .nodes()
        .filter_map(|(id, n)| match n {
            senryaku::report::Node::Chapter(_, c) => Some((id, c)),
            _ => None,
        })
        .map(|(_, c)| c.measures.len())
        .collect();
    assert_eq!(
        per_chapter,
        vec![5, 5, 2, 2, 2, 4, 2, 4, 3, 2, 2, 1, 3, 2, 2, 1]
    );
    assert_eq!(r.measure_count(), 42);
    let labels: Vec<&str> = r.parts.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, vec!["（１）", "（２）", "（３）", "（４）"]);
    // Every measure has both FY sections with at least one item.
    for (id, m) in r.measures() {
        assert!(!m.purpose.is_empty(), "{id} has no purpose");
        assert!(!m.results.items.is_empty(), "{id} has no FY2017 items");
        assert!(!m.plans.items.is_empty(), "{id} has no FY2018 items");
        assert!(m.results.heading.starts_with('Ⅰ'), "{id}");
        assert!(m.plans.heading.starts_with('Ⅱ'), "{id}");
    }
}

#[test]
fn title_and_preface() {
    let r = seed();
    assert_eq!(r.title, "健康・医療戦略の実行状況及び今後の取組方針 2018");
    assert!(
        r.preface
            .starts_with("「健康・医療戦略」（平成 26 年７月 22 日閣議決定、")
    );
    assert!(
        r.preface
            .ends_with("今後の取組方針を取りまとめるものである。")
    );
    assert!(
        r.preface
            .contains("健康・医療戦略推進本部の下で、PDCA サイクル")
    );
}

#[test]
fn part_titles_including_the_wrapped_one() {
    let r = seed();
    let titles: Vec<&str> = r.parts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "世界最高水準の医療の提供に資する医療分野の研究開発等に関する施策",
            "健康・医療に関する新産業創出及び国際展開の促進等に関する施策",
            "健康・医療に関する先端的研究開発及び新産業創出に関する教育の振興・人材の確保等に関する施策",
            "オールジャパンでの医療等データ利活用基盤構築・ICT利活用推進に関する施策",
        ]
    );
}

#[test]
fn every_chapter_title() {
    let r = seed();
    let got: Vec<String> = r
        .nodes()
        .filter(|(id, _)| id.chapter.is_some() && id.measure.is_none())
        .map(|(id, c)| format!("{id} {}{}", c.label(), c.title()))
        .collect();
    let want = [
        "1.1 １）国が行う医療分野の研究開発の推進",
        "1.2 ２）国が行う医療分野の研究開発の環境の整備",
        "1.3 ３）国が行う医療分野の研究開発の公正かつ適正な実施の確保",
        "1.4 ４）国が行う医療分野の研究開発成果の実用化のための審査体制の整備等",
        "1.5 ５）その他国が行う必要な施策等",
        "2.1 １）健康・医療に関する新産業創出",
        "2.2 ２）ベンチャー企業等への成長市場における事業拡大等の支援",
        "2.3 ３）健康・医療に関する国際展開の促進",
        "2.4 ４）その他健康長寿社会の形成に資する施策",
        "3.1 １）健康・医療に関する先端的研究開発の推進のために必要な人材の育成・確保  等",
        "3.2 ２）新産業の創出を推進するために必要な専門的人材の育成・確保等",
        "3.3 ３）先端的研究開発及び新産業創出に関する教育及び学習の進展、広報活動の充実等",
        "4.1 １）医療・介護・健康分野のデジタル基盤の構築",
        "4.2 ２）医療・介護・健康分野のデジタル基盤の利活用",
        "4.3 ３）医療・介護・健康分野の現場の高度なデジタル化",
        "4.4 ４）医療情報・個人情報の利活用に関する制度",
    ];
    assert_eq!(got, want);
}

#[test]
fn mid_net_measure_character_by_character() {
    let r = seed();
    let x = m(&r, "1.4.2");
    assert_eq!(r.label_path(NodeId::measure(1, 4, 2)), "（１）４）②");
    assert_eq!(x.title, "レギュラトリーサイエンスの推進");
    assert_eq!(
        x.purpose,
        "医療分野の研究開発の成果の実用化に際し、その品質、有効性及び安全性を科学的知見に基づき適正かつ迅速に予測、評価及び判断することに関する科学を振興するため、必要な体制の整備、人材の確保、養成及び資質の向上等を図る。"
    );
    assert_eq!(x.results.heading, "Ⅰ 平成 29 年度の主な実行状況・成果");
    assert_eq!(
        texts(&x.results.items),
        vec![
            "医療情報データベースシステム（以下、MID-NET と言う。）は、平成 30 年度の本格運用開始に向けた解析環境や運用体制を整備し、企業やアカデミアによる利活用に向けて、利活用ルールや利用料の設定を行った。",
            "臨床試験成績のデータ収集を継続し、品目毎のデータ解析等を開始した。平成 29 年 10 月 1 日付でレギュラトリーサイエンスセンター設立準備室を設置し、平成 30 年 4 月 1 日のレギュラトリーサイエンスセンター設置に向けて検討・準備を進めた。",
        ]
    );
    assert_eq!(x.plans.heading, "Ⅱ 平成 30 年度の主な取組方針");
    assert_eq!(
        texts(&x.plans.items),
        vec![
            "MID-NET の本格運用を開始し、製薬企業、アカデミア及び PMDA による利活用を開始するとともに、利用可能データの拡充を図る観点から、他のデータベースとの連携等について調査・検討を行う。",
            "レギュラトリーサイエンスセンター（平成 30 年 4 月 1 日設立）において、個別臨床試験データ等の確認・解析を行い、その結果を活用した科学的議論を行うなど、個別品目審査・相談におけるデータ活用の定着に向けた取組を進め、先進的な解析・予測評価手法を用いて、品目横断的な臨床試験データ等の解析を行い、ガイドラインを作成すること等を通じて、医薬品開発の効率化を進める。",
        ]
    );
}

#[test]
fn genome_measure_rejoins_mid_word_wraps() {
    let x = m(&seed(), "1.1.1");
    assert_eq!(x.label, "①");
    assert_eq!(x.title, "ゲノム医療の実現の推進");
    assert_eq!(
        x.results.items[0].text,
        "「疾患克服に向けたゲノム医療実現プロジェクト」において、疾患及び健常者バイオバンクの構築、ゲノム及び臨床情報等のデータ解析による発症原因や薬剤反応性等の関連遺伝子の同定・検証、日本人の標準ゲノム配列の特定等、ゲノム医療実現に向けた研究基盤の整備を進めた。"
    );
    assert_eq!(
        x.plans.items[1].text,
        "「ゲノム医療実現推進協議会」において、ゲノム医療実現に向けた課題における取組の実行状況のフォローアップを行う。"
    );
}

#[test]
fn bullet_crossing_a_page_break() {
    let r = seed();
    // 研究開 | page break | 発を推進した。
    assert_eq!(
        m(&r, "1.1.4").results.items[0].text,
        "がん早期診断に有用なマーカー（マイクロ RNA）の測定技術の開発（非臨床 POC 取得）や、声帯筋肉が痙攣を起こす疾患のための医療機器（チタンブリッジ）の開発（薬事承認）などの先端的研究開発を推進した。"
    );
    // A bullet at the top of a page, indented by the page break.
    assert_eq!(
        m(&r, "1.1.2").results.items[0].text,
        "再生医療の実用化に向けて、基礎研究、応用研究、臨床研究及び治験を連続的に推進した。また、iPS細胞由来分化細胞を用いた医薬品評価法の策定や、試験検査実施体制・情報収集基盤等の構築を行った。産業化に向けては、自動大量培養装置や周辺装置等の開発や、国際的な整合性がとれた基準での製造・品質管理体制の構築を推進した。"
    );
    // The page number 5 and the stray space line after it vanish.
    let x = m(&r, "1.2.2");
    assert_eq!(x.results.items.len(), 1);
    assert!(
        x.results.items[0]
            .text
            .ends_with("研究支援（継続：1 件）を実施した。")
    );
    assert_eq!(
        texts(&x.plans.items),
        vec![
            "引き続き、疾患登録システムの構築、疾患登録システムを利活用した治験・臨床研究の実施を推進する。"
        ]
    );
    // A page-top chapter heading and a page-top measure heading.
    assert_eq!(
        r.parts[2].chapters[1].title,
        "新産業の創出を推進するために必要な専門的人材の育成・確保等"
    );
    assert_eq!(m(&r, "4.3.2").title, "遠隔医療");
    assert_eq!(
        m(&r, "2.2.2").purpose,
        "ベンチャー・中小企業の産業育成等のため、産学官連携支援や PMDA による相談支援等を強化する。"
    );
}

#[test]
fn the_two_bullet_measures() {
    let r = seed();
    let a = m(&r, "3.3.1");
    assert_eq!(
        (a.label.as_str(), a.title.as_str()),
        ("・", "臨床研究登録情報の検索ポータルサイト運営事業等")
    );
    assert_eq!(
        a.purpose,
        "医療分野の研究開発の重要性に対する国民の関心と理解を深め、幅広く協力を得ることができるようにするため、広報活動を充実する。"
    );
    assert_eq!(a.results.items.len(), 1);
    assert_eq!(a.plans.items.len(), 1);
    let b = m(&r, "4.4.1");
    assert_eq!(
        (b.label.as_str(), b.title.as_str()),
        (
            "・",
            "医療等分野における識別子をはじめとした医療情報の利活用に向けた基盤整備"
        )
    );
    assert_eq!(
        texts(&b.results.items),
        vec![
            "次世代医療基盤法に基づく認定事業について、所要の政省令の整備に向けた取組を進めた。",
            "医療等分野における識別子について、その在り方についての検討会を設置した。",
            "医療・介護・健康分野のデータ共有基盤（相互接続基盤）の構築に向けた技術・運用面の課題解決のための実証事業を実施した。具体的には、ネットワークの相互接続、共通ルールに基づき患者情報を流通させるための標準規約によるデータ交換、安全な通信を実現するためのセキュリティ確保について検討し、実運用フェーズへの移行に資する運用ルール等を整理した。",
        ]
    );
    assert!(
        b.plans.items[2]
            .text
            .ends_with("「全国保健医療情報ネットワーク」の本格稼動につなげる。")
    );
}

#[test]
fn the_circled_five_inside_a_list_is_not_a_measure() {
    let r = seed();
    let x = m(&r, "2.3.4");
    assert_eq!(x.title, "アジア健康構想の推進");
    assert_eq!(r.parts[1].chapters[2].measures.len(), 4);
    let list = &x.plans.items[0];
    assert_eq!(
        list.text,
        "介護分野における技能実習生の円滑な受入れのため、"
    );
    assert_eq!(
        texts(&list.items),
        vec![
            "①アジア現地における優良な日本語学校等教育機関の充実",
            "②アジア現地における優良な送出機関の把握",
            "③介護現場でのコミュニケーションに重点を置いた日本語教育カリキュラム・介護現場におけるコミュニケーションに重点を置いた新たな日本語テストの採用に向けた検討",
            "④技能実習生の帰国後のネットワーク化",
            "⑤技能実習生の帰国後の受け皿となる日本の介護事業者の海外展開",
        ]
    );
    assert_eq!(
        list.tail,
        "について、「国際・アジア健康構想協議会」と連携して取り組む。"
    );
    assert_eq!(x.plans.items.len(), 2);
    // FY2017 has a two-item list under its second bullet.
    let l17 = &x.results.items[1];
    assert_eq!(l17.items.len(), 2);
    assert_eq!(l17.tail, "について検討した。");
    // Inline ①② in a sentence are not sub-items.
    let robot = m(&r, "2.1.4");
    assert!(robot.results.items[1].items.is_empty());
    assert!(
        robot.results.items[1]
            .text
            .contains("①開発企業と介護現場の協議を通じ")
    );
}

#[test]
fn fy_heading_variant_and_halfwidth_marks() {
    let r = seed();
    assert_eq!(
        m(&r, "1.5.1").results.heading,
        "Ⅰ 平成 29 年度における主な実行状況・成果"
    );
    // A bullet marked with the half-width ･ is still a bullet.
    let ai = m(&r, "4.3.1");
    assert_eq!(ai.plans.items.len(), 2);
    assert!(
        ai.plans.items[0]
            .text
            .starts_with("引き続き、「臨床研究等 ICT 基盤構築･人工知能実装研究事業」")
    );
    // Half-width ｢｣ kept as printed.
    assert!(
        m(&r, "1.4.1").results.items[0]
            .text
            .contains("｢レギュラトリーサイエンス戦略相談（以下、RS 戦略相談と言う。）｣事業へ改称")
    );
    assert!(m(&r, "2.3.4").purpose.contains("ＵＨＣ"));
}

/// Every non-artifact character of the seed, in order, is somewhere in the tree.
#[test]
fn every_character_kept_in_order() {
    let raw = std::str::from_utf8(SEED).unwrap();
    let strip = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let mut want = strip(raw);
    // The page number is the only thing removed.
    want = want.replacen("を実施した。5Ⅱ", "を実施した。Ⅱ", 1);
    let r = seed();
    let mut got = String::from("はじめに");
    got.push_str(&r.preface);
    for p in &r.parts {
        got.push_str(&p.label);
        got.push_str(&p.title);
        for c in &p.chapters {
            got.push_str(&c.label);
            got.push_str(&c.title);
            for m in &c.measures {
                got.push_str(&m.label);
                got.push_str(&m.title);
                got.push_str(&m.purpose);
                for s in [&m.results, &m.plans] {
                    got.push_str(&s.heading);
                    for it in &s.items {
                        // The bullet mark as printed (・ or ･).
                        got.push(if it.text.starts_with("引き続き、「臨床研究等 ICT") {
                            '･'
                        } else {
                            '・'
                        });
                        got.push_str(&it.text);
                        for sub in &it.items {
                            got.push_str(&sub.text);
                        }
                        got.push_str(&it.tail);
                    }
                }
            }
        }
    }
    assert_eq!(strip(&got), want);
}
