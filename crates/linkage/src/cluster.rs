//! Clustering pairs into persons: the connected components of the accepted pairs (union-find
//! with path halving and union by size).

/// Cluster ids for `n` nodes given edges; nodes of the same component get the same id, which is
/// the smallest node index of the component.
pub fn components(n: usize, edges: impl IntoIterator<Item = (usize, usize)>) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    let mut size = vec![1usize; n];
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (a, b) in edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            let (big, small) = if size[ra] >= size[rb] { (ra, rb) } else { (rb, ra) };
            parent[small] = big;
            size[big] += size[small];
        }
    }
    let mut smallest = vec![usize::MAX; n];
    let roots: Vec<usize> = (0..n).map(|x| find(&mut parent, x)).collect();
    for (x, r) in roots.iter().enumerate() {
        smallest[*r] = smallest[*r].min(x);
    }
    roots.iter().map(|r| smallest[*r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_join_transitively() {
        let c = components(6, [(0, 1), (1, 2), (4, 5)]);
        assert_eq!(c, vec![0, 0, 0, 3, 4, 4]);
    }
}
