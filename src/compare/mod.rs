//! Two editions side by side: which measure of one is which of the other.
//!
//! Measures are matched by their titles and their purposes (which carry over from year to
//! year while the results and plans change), not by position alone: chapters get reordered
//! between editions and titles reworded (円滑な施行 → 着実な施行). Similarity is the
//! Sørensen–Dice coefficient of character bigrams of the folded texts, which suits Japanese,
//! where words are not spaced. Pairs are taken best first.

pub mod diff;
use crate::report::{Node, NodeId, Report};
use crate::search::normalize::fold;
use serde::Serialize;
use std::collections::HashMap;

/// How a measure changed from the older edition to the newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Same title, same place.
    Same,
    /// Title changed, content similar.
    Renamed,
    /// In another chapter, or out of its order among the others.
    Moved,
    /// Only in the newer edition.
    Added,
    /// Only in the older edition.
    Removed,
}

impl Change {
    /// The name used in JSON and text.
    pub fn name(self) -> &'static str {
        match self {
            Change::Same => "same",
            Change::Renamed => "renamed",
            Change::Moved => "moved",
            Change::Added => "added",
            Change::Removed => "removed",
        }
    }
}

/// One measure of either edition, and its counterpart in the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// Its id in the older edition.
    #[serde(serialize_with = "id")]
    pub old: Option<NodeId>,
    /// Its id in the newer edition.
    #[serde(serialize_with = "id")]
    pub new: Option<NodeId>,
    /// What happened to it.
    pub change: Change,
    /// How alike the two are, 0 to 1 (0 for an added or removed measure).
    pub similarity: f64,
}

fn id<S: serde::Serializer>(v: &Option<NodeId>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(id) => s.serialize_str(&id.to_string()),
        None => s.serialize_none(),
    }
}

/// What a measure is matched on.
struct Key {
    id: NodeId,
    title: String,
    purpose: String,
    /// Its chapter's id.
    chapter: NodeId,
}

/// Where each old chapter went: the new chapter it matches by title, and whether it kept its
/// place among the chapters both editions have (one added or dropped elsewhere moves none).
/// A chapter with no match is absent.
fn chapter_moves(old: &Report, new: &Report) -> HashMap<NodeId, (NodeId, bool)> {
    let chapters = |r: &Report| -> Vec<(NodeId, String)> {
        r.nodes()
            .filter_map(|(id, n)| match n {
                Node::Chapter(_, c) => Some((id, fold(&c.title))),
                _ => None,
            })
            .collect()
    };
    let (a, b) = (chapters(old), chapters(new));
    let titles = |v: &[(NodeId, String)]| v.iter().map(|c| c.1.clone()).collect::<Vec<_>>();
    let (ta, tb) = (titles(&a), titles(&b));
    let of_a = pair_up(&ta, &tb, |i, j| alike(&ta[i], &tb[j]), 0.8);
    // A chapter kept its place if as many matched chapters come before it in both editions.
    let mut matched_b: Vec<usize> = of_a.iter().flatten().map(|&(j, _)| j).collect();
    matched_b.sort_unstable();
    let mut out = HashMap::new();
    for (rank, (i, (j, _))) in of_a
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.map(|m| (i, m)))
        .enumerate()
    {
        let place = matched_b.partition_point(|&k| k < j);
        out.insert(a[i].0, (b[j].0, place == rank));
    }
    out
}

fn keys(report: &Report) -> Vec<Key> {
    report
        .nodes()
        .filter_map(|(id, node)| match node {
            Node::Measure(..) => Some(Key {
                id,
                title: fold(node.title()),
                purpose: match node {
                    Node::Measure(_, _, m) => fold(&m.purpose),
                    _ => String::new(),
                },
                chapter: NodeId::chapter(id.part, id.chapter.unwrap_or(0)),
            }),
            _ => None,
        })
        .collect()
}

/// How alike two texts are: 1 if equal, else the Sørensen–Dice coefficient of their
/// character bigrams. Hand-written: strsim's `sorensen_dice` divides by lengths in bytes,
/// which rates Japanese (three bytes a char) a third as alike as it is.
fn alike(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut v: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    // Both sorted: count the common ones, each as often as both have it.
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

/// Below this a pair is not the same measure.
const MATCH: f64 = 0.45;

/// Pairs items of two lists one to one: first those with equal keys, in order (what most of
/// two editions are, and linear however long they are), then the rest by `score`, best
/// first, down to `floor`. For each item of `a`, its partner in `b` and their score.
fn pair_up<K: Eq + std::hash::Hash>(
    a: &[K],
    b: &[K],
    score: impl Fn(usize, usize) -> f64,
    floor: f64,
) -> Vec<Option<(usize, f64)>> {
    let mut of_a: Vec<Option<(usize, f64)>> = vec![None; a.len()];
    let mut taken = vec![false; b.len()];
    let mut by_key: std::collections::HashMap<&K, std::collections::VecDeque<usize>> =
        Default::default();
    for (j, k) in b.iter().enumerate() {
        by_key.entry(k).or_default().push_back(j);
    }
    for (i, k) in a.iter().enumerate() {
        if let Some(j) = by_key.get_mut(k).and_then(|q| q.pop_front()) {
            of_a[i] = Some((j, 1.0));
            taken[j] = true;
        }
    }
    let rest_a: Vec<usize> = (0..a.len()).filter(|&i| of_a[i].is_none()).collect();
    let rest_b: Vec<usize> = (0..b.len()).filter(|&j| !taken[j]).collect();
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &rest_a {
        for &j in &rest_b {
            let s = score(i, j);
            if s >= floor {
                scored.push((s, i, j));
            }
        }
    }
    // Best first; ties in document order.
    scored.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
    for (s, i, j) in scored {
        if of_a[i].is_none() && !taken[j] {
            of_a[i] = Some((j, s));
            taken[j] = true;
        }
    }
    of_a
}

/// Aligns the measures of an older and a newer edition: every measure of either appears once,
/// in the newer edition's order, removed ones after the measure they followed.
pub fn align(old: &Report, new: &Report) -> Vec<Pair> {
    let (a, b) = (keys(old), keys(new));
    let chapters = chapter_moves(old, new);
    let key = |v: &[Key]| -> Vec<(String, String)> {
        v.iter()
            .map(|k| (k.title.clone(), k.purpose.clone()))
            .collect()
    };
    let of_old = pair_up(
        &key(&a),
        &key(&b),
        |i, j| {
            let (x, y) = (&a[i], &b[j]);
            let title = alike(&x.title, &y.title);
            let purpose = if x.purpose.is_empty() && y.purpose.is_empty() {
                title
            } else {
                alike(&x.purpose, &y.purpose)
            };
            0.5 * title + 0.5 * purpose
        },
        MATCH,
    );
    let mut of_new: Vec<Option<usize>> = vec![None; b.len()];
    for (i, m) in of_old.iter().enumerate() {
        if let Some((j, _)) = m {
            of_new[*j] = Some(i);
        }
    }
    // Matched measures out of their order: those off the longest run that keeps it.
    let matched: Vec<(usize, usize)> = (0..a.len())
        .filter_map(|i| of_old[i].map(|(j, _)| (i, j)))
        .collect();
    let in_order = longest_increasing(&matched.iter().map(|&(_, j)| j).collect::<Vec<_>>());
    let mut ordered = vec![false; a.len()];
    for k in in_order {
        ordered[matched[k].0] = true;
    }
    let mut pairs: Vec<Pair> = Vec::new();
    let mut placed_old = vec![false; a.len()];
    for (j, y) in b.iter().enumerate() {
        let Some(i) = of_new[j] else {
            pairs.push(Pair {
                old: None,
                new: Some(y.id),
                change: Change::Added,
                similarity: 0.0,
            });
            continue;
        };
        // Removed measures that came before this one in the older edition go first.
        for r in 0..i {
            if of_old[r].is_none() && !placed_old[r] {
                placed_old[r] = true;
                pairs.push(removed(&a[r]));
            }
        }
        placed_old[i] = true;
        let x = &a[i];
        let similarity = of_old[i].map_or(0.0, |(_, s)| s);
        // Moved: out of order among the measures, or its chapter is another or elsewhere.
        // Moved: its chapter is another, or changed places.
        let chapter_moved = chapters.get(&x.chapter) != Some(&(y.chapter, true));
        let change = if !ordered[i] || chapter_moved {
            Change::Moved
        } else if x.title != y.title {
            Change::Renamed
        } else {
            Change::Same
        };
        pairs.push(Pair {
            old: Some(x.id),
            new: Some(y.id),
            change,
            similarity: (similarity * 1000.0).round() / 1000.0,
        });
    }
    for (r, x) in a.iter().enumerate() {
        if !placed_old[r] {
            pairs.push(removed(x));
        }
    }
    pairs
}

fn removed(x: &Key) -> Pair {
    Pair {
        old: Some(x.id),
        new: None,
        change: Change::Removed,
        similarity: 0.0,
    }
}

/// Indices of a longest strictly increasing subsequence of `v` (patience sorting).
fn longest_increasing(v: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; v.len()];
    for (k, &x) in v.iter().enumerate() {
        let at = tails.partition_point(|&t| v[t] < x);
        prev[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut out = Vec::new();
    let mut at = tails.last().copied();
    while let Some(k) = at {
        out.push(k);
        at = prev[k];
    }
    out.reverse();
    out
}

/// A plan of the older edition and the result of the newer that carries it out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Carried {
    /// The plan bullet's index in the older edition's plans (0-based).
    pub plan: usize,
    /// The result bullet's index in the newer edition's results, if one carries it out.
    pub result: Option<usize>,
    /// How alike the two are, 0 to 1.
    pub similarity: f64,
}

/// A bullet's whole text: its own, its sub-items' and its tail.
fn bullet_text(item: &crate::report::Item) -> String {
    let mut s = fold(&item.text);
    for sub in &item.items {
        s.push_str(&fold(&sub.text));
    }
    s.push_str(&fold(&item.tail));
    s
}

/// Below this a result does not carry out a plan.
const CARRIED: f64 = 0.3;

/// Which result bullet of the newer edition's measure carries out each plan bullet of the
/// older one: pairs by the words they share (bigram Dice, a plan's `引き続き` aside), best
/// first, each result used once.
pub fn carried_out(plans: &[crate::report::Item], results: &[crate::report::Item]) -> Vec<Carried> {
    let strip = |s: String| {
        s.trim_start_matches("引き続き")
            .trim_start_matches('、')
            .to_string()
    };
    let p: Vec<String> = plans.iter().map(|i| strip(bullet_text(i))).collect();
    let r: Vec<String> = results.iter().map(|i| strip(bullet_text(i))).collect();
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in p.iter().enumerate() {
        for (j, b) in r.iter().enumerate() {
            let s = alike(a, b);
            if s >= CARRIED {
                scored.push((s, i, j));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut out: Vec<Carried> = (0..p.len())
        .map(|plan| Carried {
            plan,
            result: None,
            similarity: 0.0,
        })
        .collect();
    let mut used = vec![false; r.len()];
    for (s, i, j) in scored {
        if out[i].result.is_none() && !used[j] {
            used[j] = true;
            out[i].result = Some(j);
            out[i].similarity = (s * 1000.0).round() / 1000.0;
        }
    }
    out
}

/// Which of two editions is the older: the one whose fiscal years come first (`a` when they
/// name the same years). Also says whether they name the same years, which deserves a warning.
pub fn order<'a, T>(
    a: &'a T,
    b: &'a T,
    years: impl Fn(&T) -> (Option<u32>, Option<u32>),
) -> (&'a T, &'a T, bool) {
    let (ya, yb) = (years(a), years(b));
    let same = ya == yb;
    if ya > yb { (b, a, same) } else { (a, b, same) }
}

/// A measure's bullet as the pieces a reader sees: its text, its sub-items, its tail.
pub fn pieces(item: &crate::report::Item) -> Vec<&str> {
    let mut v = vec![item.text.as_str()];
    v.extend(item.items.iter().map(|s| s.text.as_str()));
    if !item.tail.is_empty() {
        v.push(item.tail.as_str());
    }
    v
}

/// One row of the plan → result view: a plan of the older edition, the result of the newer
/// that carries it out, or a result no plan foretold; with what changed between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The plan bullet's index in the older edition's plans.
    pub plan: Option<usize>,
    /// The result bullet's index in the newer edition's results.
    pub result: Option<usize>,
    /// How alike the two are, 0 to 1.
    pub similarity: f64,
    /// Char ranges that differ, over the pieces of each bullet joined by `\n`.
    pub diff: diff::Diff,
}

/// Two editions compared, kept for the browser: the older edition, the pairs, and where each
/// measure of the newer one and each removed measure is.
#[derive(Debug)]
pub struct Comparison {
    /// The older edition.
    pub old: Report,
    /// Its file name, for titles and citations.
    pub old_source: String,
    /// Every measure of either edition with its counterpart (see [`align`]).
    pub pairs: Vec<Pair>,
    /// The pair of each measure of the newer edition.
    of_new: HashMap<NodeId, usize>,
    /// Removed measures, each as the newer edition's node it is shown after (the measure that
    /// preceded it in its chapter, or its chapter) and its pair; in that order.
    pub removed: Vec<(NodeId, usize)>,
    /// The newer edition's fiscal years named in the older's plans and the newer's results.
    pub years: (Option<u32>, Option<u32>),
}

impl Comparison {
    /// Compares an older edition with the newer one the browser shows.
    pub fn new(old: Report, old_source: String, new: &Report) -> Comparison {
        let pairs = align(&old, new);
        let of_new = pairs
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((p.new?, i)))
            .collect();
        let removed = place_removed(&old, new, &pairs);
        let years = (old.fiscal_years().1, new.fiscal_years().0);
        Comparison {
            old,
            old_source,
            pairs,
            of_new,
            removed,
            years,
        }
    }

    /// The pair of a measure of the newer edition.
    pub fn pair_of(&self, new: NodeId) -> Option<usize> {
        self.of_new.get(&new).copied()
    }

    /// The rows of the plan → result view of a pair: each of the older edition's plans with
    /// the newer edition's result that carries it out, then the results no plan foretold.
    pub fn rows(&self, pair: usize, new: &Report) -> Vec<Row> {
        let Some(p) = self.pairs.get(pair) else {
            return Vec::new();
        };
        let plans: &[crate::report::Item] = p
            .old
            .and_then(|id| self.old.measure(id))
            .map_or(&[], |m| &m.plans.items);
        let results: &[crate::report::Item] = p
            .new
            .and_then(|id| new.measure(id))
            .map_or(&[], |m| &m.results.items);
        let joined = |item: Option<&crate::report::Item>| {
            item.map_or(String::new(), |i| pieces(i).join("\n"))
        };
        let row = |plan: Option<usize>, result: Option<usize>, similarity: f64| {
            let (a, b) = (
                joined(plan.and_then(|i| plans.get(i))),
                joined(result.and_then(|i| results.get(i))),
            );
            Row {
                plan,
                result,
                similarity,
                diff: diff::diff(&a, &b),
            }
        };
        let carried = carried_out(plans, results);
        let mut used = vec![false; results.len()];
        let mut out: Vec<Row> = carried
            .iter()
            .map(|c| {
                if let Some(r) = c.result {
                    used[r] = true;
                }
                row(Some(c.plan), c.result, c.similarity)
            })
            .collect();
        out.extend(
            (0..results.len())
                .filter(|&r| !used[r])
                .map(|r| row(None, Some(r), 0.0)),
        );
        out
    }
}

/// Where each removed measure is shown in the newer edition's outline: after the nearest
/// measure before it in its chapter that the newer edition kept, else at the top of the
/// chapter its chapter became, else after the pair before it.
fn place_removed(old: &Report, new: &Report, pairs: &[Pair]) -> Vec<(NodeId, usize)> {
    let of_old: HashMap<NodeId, Option<NodeId>> =
        pairs.iter().filter_map(|p| Some((p.old?, p.new))).collect();
    let chapters = chapter_moves(old, new);
    let mut out = Vec::new();
    let mut last_new = None;
    for (i, p) in pairs.iter().enumerate() {
        if p.new.is_some() {
            last_new = p.new;
        }
        let (Some(o), None) = (p.old, p.new) else {
            continue;
        };
        let (Some(c), Some(m)) = (o.chapter, o.measure) else {
            continue;
        };
        let before = (1..m).rev().find_map(|k| {
            of_old
                .get(&NodeId::measure(o.part, c, k))
                .copied()
                .flatten()
        });
        let anchor = before
            .or_else(|| chapters.get(&NodeId::chapter(o.part, c)).map(|x| x.0))
            .or(last_new)
            .unwrap_or(NodeId::PREFACE);
        out.push((anchor, i));
    }
    out.sort_by_key(|&(a, i)| (a, i));
    out
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn bigram_similarity_counts_characters() {
        assert_eq!(super::alike("a", "a"), 1.0);
        let s = super::alike(
            "次世代医療基盤法の円滑な施行",
            "次世代医療基盤法の着実な施行",
        );
        assert!((0.7..0.8).contains(&s), "{s}");
        assert!(super::alike("臨床研究法の着実な施行", "次世代医療基盤法の円滑な施行") < 0.3);
        assert_eq!(super::alike("", "x"), 0.0);
    }

    #[test]
    fn longest_increasing_run() {
        assert_eq!(longest_increasing(&[0, 1, 2]), vec![0, 1, 2]);
        assert_eq!(longest_increasing(&[0, 3, 1, 2]), vec![0, 2, 3]);
        assert!(longest_increasing(&[]).is_empty());
    }
}
