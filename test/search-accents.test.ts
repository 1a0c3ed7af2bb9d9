import { describe, expect, test } from "vitest";
import { createManualConsultation } from "~/models/consultations/manual.server.ts";
import { listConsultations } from "~/models/consultations/radar.server.ts";
import { listDirectory } from "~/models/directory/directory.server.ts";
import { createEvidence, listEvidence } from "~/models/evidence/evidence.server.ts";
import { radarFilterSchema } from "~/schemas/consultations.ts";
import { directoryFilterSchema } from "~/schemas/directory.ts";
import { foldForSearch } from "~/utils/search.server.ts";
import { welshConsultation } from "./consultations/helpers.ts";
import { openTestDb } from "./db.ts";
import { makeOrganisation, makeStaff } from "./directory-factories.ts";

const { db } = await openTestDb();
const staff = await makeStaff(db);
const tag = `${process.pid}`;

describe("search ignores accents and case", () => {
  test("folding strips combining marks from Welsh and other Latin letters", () => {
    expect(foldForSearch("Ynys Môn ŴŶ Café")).toBe("ynys mon wy cafe");
  });

  test("the directory: “ynys mon” finds Ynys Môn, and an accented search finds plain text", async () => {
    const org = await makeOrganisation(db, { name: `Hamdden Ynys Môn ${tag}` });
    const plain = await makeOrganisation(db, { name: `Cafe Leisure ${tag}` });
    const names = async (q: string) =>
      (await listDirectory(db, staff, directoryFilterSchema.parse({ q }))).entries.map((entry) => entry.name);
    expect(await names(`ynys mon ${tag}`)).toEqual([org.name]);
    expect(await names(`CAFÉ LEISURE ${tag}`)).toEqual([plain.name]);
    // The like wildcards are still taken literally.
    expect(await names(`%${tag}`)).toEqual([]);
  });

  test("the consultation radar", async () => {
    await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: `Gofal cymdeithasol: Côd ymarfer ${tag}` }),
    );
    const page = await listConsultations(
      db,
      staff,
      radarFilterSchema.parse({ view: "open", q: `cod ymarfer ${tag}` }),
    );
    expect(page.consultations.map((consultation) => consultation.title)).toEqual([
      `Gofal cymdeithasol: Côd ymarfer ${tag}`,
    ]);
  });

  test("the evidence library", async () => {
    await createEvidence(db, staff, {
      kind: "source",
      label: `Adroddiad Llywodraeth Cymru ${tag}`,
      title: `Gwasanaethau cyhoeddus: Môn ${tag}`,
      publisher: "Llywodraeth Cymru",
      url: "https://www.gov.wales/report",
      publishedOn: "2025-06-12",
    });
    const found = await listEvidence(db, staff, { q: `gwasanaethau cyhoeddus: mon ${tag}` });
    expect(found.items.map((item) => item.label)).toEqual([`Adroddiad Llywodraeth Cymru ${tag}`]);
  });
});
