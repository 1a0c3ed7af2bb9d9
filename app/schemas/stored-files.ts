import { z } from "zod";
import { idField } from "./ids.ts";

/** Staff keep a member's uploaded file as evidence: which file. */
export const keepFileSchema = z.object({ fileId: idField("Choose a file from the list") });
