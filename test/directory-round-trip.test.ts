import { describe, expect, test } from "vitest";
import { exportDirectoryCsv } from "~/models/directory/directory.server.ts";
import { getImport, previewImport } from "~/models/directory/imports.server.ts";
import { directoryFilterSchema, organisationFormSchema } from "~/schemas/directory.ts";
import { personFormSchema } from "~/schemas/people.ts";
import { createPerson } from "~/models/accounts/people.server.ts";
import { uniqueEmail } from "./context.ts";
import { openTestDb } from "./db.ts";
import { encode, IMPORT_HEADER, makeOrganisation, makeStaff } from "./directory-factories.ts";

const { db } = await openTestDb();
const staff = await makeStaff(db);

async function preview(csv: string) {
  const outcome = await previewImport(db, staff, { fileName: "members.csv", bytes: encode(csv) });
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join("; "));
  return (await getImport(db, staff, outcome.importId)).preview;
}

describe("directory export, then import", () => {
  test("names the export neutralised as formulas come back as they were: nothing changes", async () => {
    const marker = `RoundTrip${process.pid}`;
    const formulaLike = await makeOrganisation(db, { name: `=${marker} Health Mutual` });
    const plain = await makeOrganisation(db, { name: `${marker} 'Quoted' Leisure` });
    await createPerson(db, null, {
      email: uniqueEmail("lead"),
      name: "-Dash Person",
      jobTitle: "+Chief Executive",
      role: "member",
      isLeader: true,
      organisationId: formulaLike.id,
    });
    const csv = await exportDirectoryCsv(db, staff, directoryFilterSchema.parse({ q: marker }));
    expect(csv).toContain(`'=${marker} Health Mutual`);
    expect(csv).toContain("'-Dash Person");

    const result = await preview(csv);
    expect(result.problems).toEqual([]);
    expect(result.counts).toMatchObject({
      organisations: { create: 0, update: 0, unchanged: 2 },
      people: { create: 0, update: 0, unchanged: 1 },
    });
    expect(plain.name).toBe(`${marker} 'Quoted' Leisure`);
  });
});

describe("one-line fields", () => {
  test("a name with a line break imports on one line and the preview flags the row", async () => {
    const name = `Libraries\nUnlimited   North ${process.pid}`;
    const result = await preview(
      [IMPORT_HEADER, `"${name}",CIC,Libraries,,,,active,,"Ann\r\nLee",${uniqueEmail("ann")},,`].join("\r\n"),
    );
    expect(result.problems).toEqual([]);
    expect(result.created).toEqual([{ row: 2, name: `Libraries Unlimited North ${process.pid}` }]);
    expect(result.tidied).toEqual([
      {
        row: 2,
        column: "organisation_name",
        message: `Line breaks or repeated spaces were joined into one line: “Libraries Unlimited North ${process.pid}”`,
      },
      {
        row: 2,
        column: "contact_name",
        message: "Line breaks or repeated spaces were joined into one line: “Ann Lee”",
      },
    ]);
  });

  test("the organisation and person forms save names on one line", () => {
    const org = organisationFormSchema.safeParse({
      name: " Libraries\r\nUnlimited North ",
      legalForm: "community_interest_company",
      serviceArea: "libraries",
      postcode: "",
      staffCount: "",
      publicIncomeGbp: "",
      membershipStatus: "active",
      joinedOn: "",
    });
    expect(org.success && org.data.name).toBe("Libraries Unlimited North");
    const person = personFormSchema.safeParse({
      name: "Ann\nLee",
      email: "ann@example.org",
      jobTitle: "Chief\n Executive",
    });
    expect(person.success && [person.data.name, person.data.jobTitle]).toEqual([
      "Ann Lee",
      "Chief Executive",
    ]);
  });
});
