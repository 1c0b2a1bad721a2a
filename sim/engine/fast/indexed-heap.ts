// An indexed binary min-heap of small integer ids (task slots, machine ids): `positions()[id]` is the id's index
// in the heap, so an id can be removed or re-keyed in O(log n). Subclasses say how ids compare (`before`) and
// where positions live (an id is in at most one heap of a kind, so one array can serve many heaps).

export abstract class IndexedHeap {
  protected items = new Int32Array(8);
  size = 0;

  protected abstract before(a: number, b: number): boolean;
  protected abstract positions(): Int32Array;

  /** The first id, or -1 when empty. */
  top(): number {
    return this.size > 0 ? this.items[0] : -1;
  }

  /** The members, unordered (valid until the next change). */
  members(): Int32Array {
    return this.items.subarray(0, this.size);
  }

  insert(id: number): void {
    if (this.size === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const i = this.size++;
    this.items[i] = id;
    this.positions()[id] = i;
    this.up(i);
  }

  /** Takes a member out: the last one moves into its place and is sifted either way. */
  remove(id: number): void {
    const pos = this.positions();
    const i = pos[id];
    pos[id] = -1;
    const last = this.items[--this.size];
    if (i === this.size) return;
    this.items[i] = last;
    pos[last] = i;
    this.up(i);
    this.down(pos[last]);
  }

  /** Restores the order after a member's key changed. */
  update(id: number): void {
    this.up(this.positions()[id]);
    this.down(this.positions()[id]);
  }

  private up(start: number): void {
    const pos = this.positions();
    let i = start;
    const id = this.items[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.items[parent];
      if (!this.before(id, p)) break;
      this.items[i] = p;
      pos[p] = i;
      i = parent;
    }
    this.items[i] = id;
    pos[id] = i;
  }

  private down(start: number): void {
    const pos = this.positions();
    let i = start;
    const id = this.items[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.before(this.items[right], this.items[left]) ? right : left;
      if (!this.before(this.items[child], id)) break;
      this.items[i] = this.items[child];
      pos[this.items[i]] = i;
      i = child;
    }
    this.items[i] = id;
    pos[id] = i;
  }
}
