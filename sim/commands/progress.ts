// A one-line progress bar on stderr, drawn only when stderr is a terminal and the work has run for more than a
// second (short runs and piped output stay clean).

export class Progress {
  private readonly startMs = performance.now();
  private lastDrawMs = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean,
  ) {}

  update(label: string, fraction: number, simulatedS: number): void {
    if (!this.enabled || this.stream.isTTY !== true) return;
    const now = performance.now();
    if (now - this.startMs < 1000 || now - this.lastDrawMs < 100) return;
    this.lastDrawMs = now;
    const width = 30;
    const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    this.stream.write(
      `\r${label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${simulatedS.toFixed(1)} s simulated  ${((now - this.startMs) / 1000).toFixed(1)} s wall `,
    );
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
