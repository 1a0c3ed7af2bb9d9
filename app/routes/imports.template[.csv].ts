import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { importColumns } from "~/schemas/directory-labels.ts";
import { toCsv } from "~/utils/csv.ts";
import { csvResponse } from "~/utils/download.server.ts";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  const example = [
    "Riverside Leisure Trust",
    "Community benefit society",
    "Leisure",
    "BS1 5TR",
    "240",
    "6500000",
    "Active member",
    "2019-04-01",
    "Sam Taylor",
    "sam.taylor@riverside-leisure.example",
    "Chief Executive",
    "yes",
  ];
  return csvResponse(toCsv(importColumns, [example]), "mutual-voice-import-template.csv");
}
