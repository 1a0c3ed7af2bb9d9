import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";
import type pg from "pg";

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it afresh each time: on a page
 * save that was most of the database's work (about 0.6 of 0.8 ms). Naming each distinct SQL text
 * makes pg parse it once per connection, and lets the server keep a plan for it.
 *
 * Queries without parameters (begin, commit, DDL) stay on the simple protocol, which is already
 * one message. The set of names is capped, because a query whose text varies with its input (an
 * `in (...)` list) would otherwise prepare a new statement per length on every connection.
 * A pooler in front must keep prepared statements with their session (see README, PostgreSQL).
 */
export class PreparedStatementPool implements PostgresPool {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxStatements = 1_000,
  ) {}

  get options(): object {
    return this.pool.options;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    const nameOf = (text: string) => this.nameOf(text);
    return {
      processID: "processID" in client && typeof client.processID === "number" ? client.processID : undefined,
      query,
      release: (destroy?: boolean) => client.release(destroy),
    };

    function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query<R>(
      sqlOrCursor: string | PostgresCursor<R>,
      parameters: ReadonlyArray<unknown> = [],
    ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
      if (typeof sqlOrCursor !== "string") throw new Error("Streaming queries are not supported");
      const values = [...parameters];
      const name = values.length > 0 ? nameOf(sqlOrCursor) : undefined;
      return client.query<R & pg.QueryResultRow>({ name, text: sqlOrCursor, values }).then((result) => ({
        command: commandOf(result.command),
        rowCount: result.rowCount ?? 0,
        rows: result.rows,
      }));
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }

  private nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.maxStatements) return known;
    const name = `mv_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}

const commands = ["UPDATE", "DELETE", "INSERT", "SELECT", "MERGE", "COMMIT", "ROLLBACK"] as const;

/** Kysely only tells the listed commands apart (affected rows, transaction ends); the rest read as SELECT. */
function commandOf(command: string): PostgresQueryResult<unknown>["command"] {
  return commands.find((known) => known === command) ?? "SELECT";
}
