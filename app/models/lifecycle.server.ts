import type { EmailProps, TemplateName } from "../../emails/index.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { Actor } from "./accounts/people.server.ts";
import { enqueueEmail } from "./email/outbox.server.ts";

/**
 * The one way a thing moves through its lifecycle. Each capability declares its states and a
 * table of moves (from, to, who may, what it checks, what it writes, what it audits, which
 * emails); `move` is the only writer of a state column, and writes the audit row and the outbox
 * rows in the same transaction. Pages ask `available` which moves to offer, so the buttons and
 * the rules cannot drift apart.
 */

/** Where links in emails point. */
export interface MoveContext {
  appUrl: string;
}

/** One email the move sends, written to the outbox with the change. */
export type OutboxEmail = {
  [Name in TemplateName]: { to: string; template: Name; props: EmailProps<Name> };
}[TemplateName];

/** What every step of a move sees. `actor` is null when the scheduler moves it (a closing date). */
export interface Step<Subject, Input> {
  trx: Db;
  actor: Actor | null;
  before: Subject;
  input: Input;
  context: MoveContext;
  now: Date;
}

export interface Move<State extends string, Subject, Input, Update> {
  from: readonly State[];
  to: State;
  /** The button's words. */
  label: string;
  /** For refusals: "You cannot <verb> a letter that is delivered". */
  verb: string;
  /**
   * A plainer refusal than the generic one when the subject is in a state the move does not start
   * from: per state ("Undo the dismissal before adopting it."), or worded from the state.
   */
  refusals?: Partial<Record<State, string>> | ((state: State) => string);
  /** Asking again for a move already made (a double submit) changes nothing and is not refused. */
  alreadyDone?: boolean;
  /** Who may make the move, from what the page already has: true, or the reason they may not. */
  may: (actor: Actor | null, subject: Subject) => true | string;
  /** Rules that need the database or the input; each throws a Refusal. */
  check?: (step: Step<Subject, Input>) => Promise<void>;
  /** Columns written with the new state (figures read now and frozen with it, say). */
  set?: (step: Step<Subject, Input>) => Update | Promise<Update>;
  /** The audit action, after the capability's prefix: "approved" is written as "position.approved". */
  audit: string;
  /** What the audit row says besides the states. */
  note?: (step: Step<Subject, Input> & { after: Subject }) => Record<string, unknown>;
  /**
   * Other writes that belong to the move (a review row, frozen figures, invitations), in its
   * transaction; what they return joins the audit row's note.
   */
  effects?: (step: Step<Subject, Input> & { after: Subject }) => Promise<Record<string, unknown> | void>;
  /** The emails the move sends. */
  emails?: (step: Step<Subject, Input> & { after: Subject }) => Promise<OutboxEmail[]>;
}

export interface LifecycleSpec<State extends string, Subject extends { id: number; state: State }, Update> {
  /** The audit subject type and action prefix: "position". */
  subject: string;
  stateLabels: Record<State, string>;
  /** Reads the subject; with `lock`, FOR UPDATE so two moves of one thing queue. */
  load: (trx: Db, id: number, options: { lock: boolean }) => Promise<Subject>;
  /** Writes the state and the move's columns (`set`, when it has any): called only from `move`. */
  write: (
    trx: Db,
    id: number,
    change: { state: State; updatedAt: Date; set: Update | null },
  ) => Promise<void>;
  /** What the audit row records of a subject's state (default: the state). */
  auditState?: (subject: Subject) => Record<string, unknown>;
  /** Runs after the transaction commits: forgetting cached pages, say. */
  afterCommit?: (db: Db, subject: Subject) => void;
}

type MoveTable<State extends string, Subject, Update, Inputs> = {
  [Name in keyof Inputs]: Move<State, Subject, Inputs[Name], Update>;
};

/**
 * `defineLifecycle<Position, PositionsUpdate>({ ...how to load and write })` then
 * `.withMoves({ ...the table })`: the subject and the columns are named once, the moves are inferred.
 */
export function defineLifecycle<Subject extends { id: number; state: string }, Update>(
  spec: LifecycleSpec<Subject["state"], Subject, Update>,
) {
  return {
    withMoves: <Inputs extends Record<string, unknown>>(
      moves: MoveTable<Subject["state"], Subject, Update, Inputs>,
    ) => lifecycleWithMoves(spec, moves),
  };
}

function lifecycleWithMoves<
  State extends string,
  Subject extends { id: number; state: State },
  Update,
  Inputs extends Record<string, unknown>,
>(spec: LifecycleSpec<State, Subject, Update>, moves: MoveTable<State, Subject, Update, Inputs>) {
  type Name = keyof Inputs & string;

  const refusalFor = (name: Name, actor: Actor | null, subject: Subject): Refusal | null => {
    const move = moves[name];
    if (!move) return Refusal.notFound();
    if (!move.from.includes(subject.state)) {
      const plainer =
        typeof move.refusals === "function" ? move.refusals(subject.state) : move.refusals?.[subject.state];
      if (plainer) return Refusal.conflict(plainer);
      const allowed = move.from.map((state) => spec.stateLabels[state].toLowerCase()).join(" or ");
      return Refusal.conflict(
        `You cannot ${move.verb} a ${spec.subject} that is ${spec.stateLabels[subject.state].toLowerCase()}: only one that is ${allowed}.`,
      );
    }
    const may = move.may(actor, subject);
    return may === true ? null : Refusal.forbidden(may);
  };

  /** Makes the move; the new subject, and what its effects reported (how many were invited, say). */
  async function run<N extends Name>(
    db: Db,
    actor: Actor | null,
    name: N,
    id: number,
    input: Inputs[N],
    context: MoveContext,
  ): Promise<{ after: Subject; effects: Record<string, unknown> }> {
    const move: Move<State, Subject, Inputs[N], Update> | undefined = moves[name];
    if (!move) throw Refusal.notFound();
    const done = await inTransaction(db, async (trx) => {
      const before = await spec.load(trx, id, { lock: true });
      if (move.alreadyDone && before.state === move.to && !move.from.includes(before.state)) return null;
      const refusal = refusalFor(name, actor, before);
      if (refusal) throw refusal;
      const step = { trx, actor, before, input, context, now: new Date() };
      await move.check?.(step);
      await spec.write(trx, id, {
        state: move.to,
        updatedAt: step.now,
        set: move.set ? await move.set(step) : null,
      });
      const after = await spec.load(trx, id, { lock: false });
      const made = { ...step, after };
      const effects = await move.effects?.(made);
      const describe = spec.auditState ?? ((subject: Subject) => ({ state: subject.state }));
      await writeAudit(trx, {
        actorId: actor?.id ?? null,
        action: `${spec.subject}.${move.audit}`,
        subjectType: spec.subject,
        subjectId: id,
        before: describe(before),
        after: { ...describe(after), ...move.note?.(made), ...effects },
      });
      for (const email of (await move.emails?.(made)) ?? []) await enqueueEmail(trx, email);
      return { after, effects: effects ?? {} };
    });
    if (!done) return { after: await spec.load(db, id, { lock: false }), effects: {} };
    spec.afterCommit?.(db, done.after);
    return done;
  }

  return {
    ...spec,
    moves,

    /** The moves this person may make on this subject now, in the table's order. */
    available(actor: Actor | null, subject: Subject): Name[] {
      return Object.keys(moves).filter(
        (name): name is Name => name in moves && refusalFor(name, actor, subject) === null,
      );
    },

    /** Why a move cannot be made now (its state, its actor), or null when it can be tried. */
    refusalFor,

    run,

    /** Makes the move and returns the subject as it now is. */
    async move<N extends Name>(
      db: Db,
      actor: Actor | null,
      name: N,
      id: number,
      input: Inputs[N],
      context: MoveContext,
    ): Promise<Subject> {
      return (await run(db, actor, name, id, input, context)).after;
    },
  };
}
