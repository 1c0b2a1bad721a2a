// A FIFO of task slots with the time each entered (a shard's class queue): a growable ring buffer whose size is a
// power of two. It starts small, so that even the property suite's small scenarios wrap it around and grow it.

export class SlotRing {
  private slots = new Int32Array(2);
  private times = new Float64Array(2);
  private head = 0;
  size = 0;

  push(slot: number, atUs: number): void {
    if (this.size === this.slots.length) this.grow();
    const i = (this.head + this.size) & (this.slots.length - 1);
    this.slots[i] = slot;
    this.times[i] = atUs;
    this.size++;
  }

  /** The oldest slot (call only when size > 0). */
  peekSlot(): number {
    return this.slots[this.head];
  }

  peekAtUs(): number {
    return this.times[this.head];
  }

  shift(): number {
    const slot = this.slots[this.head];
    this.head = (this.head + 1) & (this.slots.length - 1);
    this.size--;
    return slot;
  }

  private grow(): void {
    const n = this.slots.length * 2;
    const slots = new Int32Array(n);
    const times = new Float64Array(n);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & (this.slots.length - 1);
      slots[k] = this.slots[i];
      times[k] = this.times[i];
    }
    this.slots = slots;
    this.times = times;
    this.head = 0;
  }
}
