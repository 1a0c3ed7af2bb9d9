import { z } from "zod";
import { governments } from "./governments-labels.ts";

export * from "./governments-labels.ts";

export const governmentSchema = z.enum(governments, { error: "Choose a government" });
