// Strongly connected components of a graph given as edge lists (Tarjan's algorithm, iterative so deep graphs
// do not overflow the stack). Returns each node's component number.

export function stronglyConnected(n: number, src: Int32Array, dst: Int32Array): Int32Array {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < src.length; k++) start[src[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const adj = new Int32Array(src.length);
  const fill = start.slice(0, n);
  for (let k = 0; k < src.length; k++) adj[fill[src[k]]++] = dst[k];
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const call: number[] = [];
  const edgeAt = new Int32Array(n);
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    call.push(root);
    index[root] = low[root] = counter++;
    edgeAt[root] = start[root];
    stack.push(root);
    onStack[root] = 1;
    while (call.length > 0) {
      const v = call[call.length - 1];
      if (edgeAt[v] < start[v + 1]) {
        const w = adj[edgeAt[v]++];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          edgeAt[w] = start[w];
          stack.push(w);
          onStack[w] = 1;
          call.push(w);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      call.pop();
      if (call.length > 0) {
        const p = call[call.length - 1];
        low[p] = Math.min(low[p], low[v]);
      }
      if (low[v] === index[v]) {
        for (;;) {
          const w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = comps;
          if (w === v) break;
        }
        comps++;
      }
    }
  }
  return comp;
}
