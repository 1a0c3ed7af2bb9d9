import { setupServer } from "msw/node";
import { bankHolidaysHandlers } from "./bank-holidays.ts";
import { citizenSpaceHandlers } from "./citizen-space.ts";
import { govukHandlers } from "./govuk.ts";
import { postcodesHandlers } from "./postcodes.ts";

/** One msw server for the unit suite; each outside API adds its handlers from its own file here. */
export const server = setupServer(
  ...postcodesHandlers,
  ...govukHandlers,
  ...citizenSpaceHandlers,
  ...bankHolidaysHandlers,
);
