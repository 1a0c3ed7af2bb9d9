import { z } from "zod";
import { idField } from "./ids.ts";
import { outboxStatuses } from "./outbox.ts";
import { pageSchema } from "./paging.ts";

/** Used by routes/admin.outbox.tsx. */
export const outboxFilterSchema = z.object({
  status: z.enum(outboxStatuses).optional().catch(undefined),
  page: pageSchema,
});

/** Used by routes/admin.outbox.tsx. */
export const outboxRetrySchema = z.object({ intent: z.literal("retry"), id: idField() });
