// A backtest's counts, gathered walk by walk as the replay lets them go: per node the
// same counts the live stats read from enrollments and messages (lib/server/engine/
// connector-stats.ts), and the messages by channel and day. Pure: the server streams the
// events, drives the walkers (lib/engine/simulate.ts) and decides each message's fate.
import type { Channel, RenderedContent } from "./nodes/fields";
import type { SimulatedWalk } from "./simulate";

export const BACKTEST_COUNTS = ["entered", "passed", "waiting", "cancelled", "sent", "skipped"] as const;
export type BacktestNodeCounts = Record<(typeof BACKTEST_COUNTS)[number], number>;

/** A message as the walk rendered it: a markdown or MJML email's body still holds its value slots (the server converts samples). */
export type BacktestSample = { userId: string; channel: Channel; content: RenderedContent; at: Date };

/** A message to count, to its recipient; `content` may render when read (templates.ts laterContent). */
export type TalliedMessage = { userId: string; nodeId: string; channel: Channel; content: RenderedContent; at: Date };

const PASSED = new Set(["passed", "yes", "no", "branched", "acted"]);
const SAMPLES = 5;
const DAY = 86_400_000;

export class BacktestTally {
  readonly nodes: Record<string, BacktestNodeCounts> = {};
  entered = 0;
  readonly users = new Set<string>();
  readonly byChannel: Partial<Record<Channel, number>> = {};
  // By UTC day number (a string per message would be a million strings).
  private readonly byDay = new Map<number, number>();
  readonly samples: BacktestSample[] = [];
  /** Sent messages' users and times since the last takeSent(), for the overlap query (run a page at a time, so this never grows with the window). */
  private sent: { userId: string; at: Date }[] = [];
  private walks = 0;
  /** Per node: its counts, and the last walk each count was taken for. */
  private readonly byNode = new Map<string, { counts: BacktestNodeCounts; entered: number; passed: number; cancelled: number }>();

  private node(id: string): BacktestNodeCounts {
    return (this.nodes[id] ??= Object.fromEntries(BACKTEST_COUNTS.map((c) => [c, 0])) as BacktestNodeCounts);
  }

  /** Counts one walk: its trace as the live stats count an enrollment's (a node once per walk), and where it waits if it still does. */
  add(userId: string, walk: SimulatedWalk) {
    this.entered++;
    this.users.add(userId);
    // Each count once per walk: a node remembers the last walk that counted it (no set per walk; a backtest counts millions).
    const counted = ++this.walks;
    for (const entry of walk.trace) {
      const node = this.tracked(entry.nodeId);
      if (node.entered !== counted) {
        node.entered = counted;
        node.counts.entered++;
      }
      if (node.passed !== counted && PASSED.has(entry.what)) {
        node.passed = counted;
        node.counts.passed++;
      }
      if (node.cancelled !== counted && entry.what === "cancelled") {
        node.cancelled = counted;
        node.counts.cancelled++;
      }
    }
    if (walk.status === "active" && walk.nodeId) this.node(walk.nodeId).waiting++;
  }

  private tracked(nodeId: string) {
    let node = this.byNode.get(nodeId);
    if (!node) this.byNode.set(nodeId, (node = { counts: this.node(nodeId), entered: 0, passed: 0, cancelled: 0 }));
    return node;
  }

  /** Counts one message with its fate: a walk's own, or one member's of a send to a segment. Its text is read only for a sample. */
  message(message: TalliedMessage, fate: "sent" | "skipped") {
    this.node(message.nodeId)[fate]++;
    if (fate !== "sent") return;
    this.byChannel[message.channel] = (this.byChannel[message.channel] ?? 0) + 1;
    const day = Math.floor(message.at.getTime() / DAY);
    this.byDay.set(day, (this.byDay.get(day) ?? 0) + 1);
    this.sent.push({ userId: message.userId, at: message.at });
    this.sample(message);
  }

  // The earliest few sent, by time then user: the same whichever order users' walks are counted in (by user or by time, connector-backtest.ts).
  private sample(message: TalliedMessage) {
    const at = message.at.getTime();
    const before = (s: BacktestSample) => at < s.at.getTime() || (at === s.at.getTime() && message.userId < s.userId);
    if (this.samples.length === SAMPLES && !before(this.samples.at(-1)!)) return;
    const index = this.samples.findIndex(before);
    this.samples.splice(index === -1 ? this.samples.length : index, 0, { userId: message.userId, channel: message.channel, content: message.content, at: message.at });
    this.samples.length = Math.min(this.samples.length, SAMPLES);
  }

  takeSent(): { userId: string; at: Date }[] {
    const taken = this.sent;
    this.sent = [];
    return taken;
  }

  messages() {
    const total = Object.values(this.byChannel).reduce((a, b) => a + (b ?? 0), 0);
    const byDay = [...this.byDay].sort(([a], [b]) => a - b).map(([day, count]) => ({ day: new Date(day * DAY).toISOString().slice(0, 10), count }));
    return { total, byChannel: this.byChannel, byDay, samples: this.samples };
  }
}
