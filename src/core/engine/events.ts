/** The event log of a run: what happened, who saw it, and who read it as a violation. */

export type EventKind =
  | 'action'
  | 'spurious'
  | 'enforcement'
  | 'no-response'
  | 'answered'
  | 'rung'
  | 'mediated-step-down'
  | 'attention-shock'
  | 'collapse'
  | 'kinetic'
  | 'unagreed';

export interface RunEvent {
  day: number;
  kind: EventKind;
  /** Who acted (for spurious reports: who was suspected). */
  actor: string;
  /** Action id, or the kind for non-actions. */
  action: string;
  /** Observers that read it as a violation (filled in when they perceive it, after any lag). */
  perceivedAsViolationBy: string[];
  /** Observers that detected it, whether or not they read it as a violation. */
  detectedBy?: string[];
  /** The monitor attributed it as a violation of the terms. */
  attributed?: boolean;
  target?: string;
  rung?: number;
  /** Threats fired (a salvo). */
  launched?: number;
  leakers?: number;
  interceptorsUsed?: number;
  /** Share of the target's launchers a pre-emptive strike destroyed. */
  launchersDestroyed?: number;
  /** A salvo at a state without an air defence: every threat that flew landed (docs/model/preemption.md). */
  unintercepted?: boolean;
  note?: string;
}

// A run keeps a log only when asked (World.events is null in ensembles). Phases
// append with `w.events?.push({...})`, which does not even build the event (its
// note strings included) when there is no log.
