/**
 * Requests sent per route and the statuses they got, printed at the end of a fuzz run so a
 * person sees what was exercised.
 */
export class FuzzTally {
  private readonly counts = new Map<string, Map<number, number>>();

  record(route: string, status: number): void {
    const statuses = this.counts.get(route) ?? new Map<number, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    this.counts.set(route, statuses);
  }

  /** Requests recorded for `route`, or for every route when none is given. */
  sent(route?: string): number {
    const tallies = route ? [this.counts.get(route)] : [...this.counts.values()];
    return tallies.reduce(
      (total, statuses) => total + [...(statuses?.values() ?? [])].reduce((a, b) => a + b, 0),
      0,
    );
  }

  /** One line per route, `route  requests  status×count …`, under a title with the total. */
  report(title: string): string {
    const width = Math.max(0, ...[...this.counts.keys()].map((route) => route.length));
    const lines = [...this.counts.entries()].map(([route, statuses]) => {
      const histogram = [...statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ');
      return `  ${route.padEnd(width)}  ${String(this.sent(route)).padStart(5)}  ${histogram}`;
    });
    return [`[fuzz] ${title}: ${this.sent()} requests`, ...lines].join('\n');
  }
}
