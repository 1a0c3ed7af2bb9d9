import { describe, expect, test } from "vitest";
import { parseDirectoryCsv } from "~/models/directory/csv.server.ts";
import { normalisePostcode, parseCalendarDate } from "~/schemas/directory.ts";
import { neutraliseFormula, toCsv } from "~/utils/csv.ts";
import { encode, IMPORT_HEADER } from "./directory-factories.ts";

const parse = (text: string) => parseDirectoryCsv(encode(text));

describe("reading a members spreadsheet", () => {
  test("reads UTF-8 with a BOM, CRLF, quoted commas and line breaks, Welsh letters, headers in any order and case", () => {
    const text =
      "\uFEFFContact_Email,ORGANISATION_NAME,Postcode,legal_form,service_area,contact_name,contact_job_title,staff_count,public_income_gbp,joined_on,membership_status,contact_is_leader\r\n" +
      'sian@llyfr.example,"Llyfrgelloedd Caerdydd, Cyf",cf104uw,CIC,Libraries,Siân Llŷr,"Prif Weithredwr\r\nChief Executive","1,250","£1,250,000.50",01/04/2020,Active member,Yes\r\n';
    const parsed = parse(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        organisation: {
          name: "Llyfrgelloedd Caerdydd, Cyf",
          postcode: "CF10 4UW",
          legalForm: "community_interest_company",
          serviceArea: "libraries",
          staffCount: 1250,
          publicIncomeGbp: "1250000.50",
          membershipStatus: "active",
          joinedOn: "2020-04-01",
        },
        contact: {
          name: "Siân Llŷr",
          email: "sian@llyfr.example",
          // A job title shows on one line: the line break is joined (and flagged in the preview).
          jobTitle: "Prif Weithredwr Chief Executive",
          isLeader: true,
        },
      },
    ]);
  });

  test("reads LF files without a BOM; blank cells stay undefined so they change nothing", () => {
    const parsed = parse(`${IMPORT_HEADER}\nNorthgate CIC,,,,,,,,,,,\n`);
    expect(parsed.rows).toEqual([
      { row: 2, organisation: { name: "Northgate CIC", postcode: null }, contact: null },
    ]);
  });

  test("reports unknown columns and ignores them", () => {
    const parsed = parse("organisation_name,Region,notes,\nNorthgate CIC,North East,call back,\n");
    expect(parsed.unknownColumns).toEqual(["Region", "notes"]);
    expect(parsed.rows).toHaveLength(1);
  });

  test("numbers rows as a spreadsheet does, counting blank rows, and gives every problem a row, column and message", () => {
    const text = [
      IMPORT_HEADER,
      "Good CIC,CIC,Health,BS1 5TR,10,100,,,Ann,ann@good.example,,",
      ",,,,,,,,,,,",
      "Bad Postcode CIC,CIC,Health,NOT A PC,10,100,,,Bo,bo@x.example,,",
      "Negative CIC,CIC,Health,BS1 5TR,-4,-100,,,Cy,cy@x.example,,",
      "Odd CIC,Charity,Sport,BS1 5TR,ten,£lots,Honorary,31/02/2021,,not-an-email,,maybe",
    ].join("\n");
    const parsed = parse(text);
    expect(parsed.rows.map((row) => row.row)).toEqual([2]);
    expect(parsed.problems).toEqual([
      { row: 4, column: "postcode", message: "“NOT A PC” is not a UK postcode" },
      { row: 5, column: "staff_count", message: "The number of staff cannot be negative" },
      { row: 5, column: "public_income_gbp", message: "Public income cannot be negative" },
      {
        row: 6,
        column: "legal_form",
        message: expect.stringMatching(
          /^“Charity” is not a legal form we know: use one of Community interest company/,
        ),
      },
      {
        row: 6,
        column: "service_area",
        message: expect.stringMatching(/^“Sport” is not a service area we know/),
      },
      {
        row: 6,
        column: "membership_status",
        message: expect.stringMatching(/^“Honorary” is not a membership status/),
      },
      { row: 6, column: "staff_count", message: "Enter the number of staff as a whole number, like 120" },
      {
        row: 6,
        column: "public_income_gbp",
        message: "Enter public income in pounds, like 1250000 or 1,250,000.50",
      },
      { row: 6, column: "joined_on", message: "Enter the date they joined as a real date, like 2021-04-01" },
      { row: 6, column: "contact_email", message: "“not-an-email” is not an email address" },
      { row: 6, column: "contact_name", message: "Enter the contact's name" },
      { row: 6, column: "contact_is_leader", message: "“maybe” should be yes or no" },
    ]);
  });

  test("keeps formula-like cells as plain text", () => {
    const parsed = parse(
      'organisation_name,contact_name,contact_email\n"=HYPERLINK(""http://evil.example"")",@SUM(1),a@b.example\n',
    );
    expect(parsed.rows[0]?.organisation.name).toBe('=HYPERLINK("http://evil.example")');
    expect(parsed.rows[0]?.contact?.name).toBe("@SUM(1)");
  });

  test("a row with more cells than headers is refused", () => {
    const parsed = parse("organisation_name,postcode\nNorthgate CIC,DL1 5QT,extra\n");
    expect(parsed.problems).toEqual([
      { row: 2, column: null, message: expect.stringMatching(/more cells than the header/) },
    ]);
  });

  test("a file that cannot be read at all says why, and nothing in it is imported", () => {
    expect(parse("name,postcode\nNorthgate,DL1 5QT\n")).toMatchObject({
      fatal: true,
      problems: [{ message: expect.stringMatching(/no organisation_name column/) }],
    });
    expect(parse("")).toMatchObject({ fatal: true, problems: [{ message: expect.stringMatching(/empty/) }] });
    expect(parse('organisation_name\n"Never closed\n')).toMatchObject({
      fatal: true,
      problems: [{ message: expect.stringMatching(/never closed/) }],
    });
    expect(parse("organisation_name,organisation_name\nA,B\n")).toMatchObject({
      fatal: true,
      problems: [{ row: 1, message: expect.stringMatching(/appears twice/) }],
    });
    const latin1 = new Uint8Array([...encode("organisation_name\nCaf"), 0xe9, 0x0a]);
    expect(parseDirectoryCsv(latin1)).toMatchObject({
      fatal: true,
      problems: [{ message: expect.stringMatching(/not UTF-8/) }],
    });
  });
});

describe("small rules the import and the forms share", () => {
  test("postcodes are normalised, and only UK shapes pass", () => {
    expect(normalisePostcode("bs15tr")).toBe("BS1 5TR");
    expect(normalisePostcode(" sw1a  1aa ")).toBe("SW1A 1AA");
    expect(normalisePostcode("GIR 0AA")).toBe("GIR 0AA");
    expect(normalisePostcode("12345")).toBeNull();
    expect(normalisePostcode("BS1")).toBeNull();
  });

  test("dates are ISO or UK day-first, and must exist", () => {
    expect(parseCalendarDate("2024-02-29")).toBe("2024-02-29");
    expect(parseCalendarDate("1/4/2020")).toBe("2020-04-01");
    expect(parseCalendarDate("2023-02-29")).toBeNull();
    expect(parseCalendarDate("04/31/2020")).toBeNull();
  });
});

describe("CSV exports", () => {
  test("neutralise every cell a spreadsheet would run as a formula", () => {
    for (const cell of ["=1+1", "+44 20", "-2", "@SUM(A1)", "\t=1", "\r=1"])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    expect(neutraliseFormula("Northgate")).toBe("Northgate");
    expect(neutraliseFormula("")).toBe("");
  });

  test("quote what needs quoting, keep numbers as numbers, and start with a BOM for Excel", () => {
    const csv = toCsv(
      ["name", "staff"],
      [
        ['=HYPERLINK("x")', 5],
        ['Siân, "Llŷr"\nCyf', -3],
        [null, undefined],
      ],
    );
    expect(csv).toBe('\uFEFFname,staff\r\n"\'=HYPERLINK(""x"")",5\r\n"Siân, ""Llŷr""\nCyf",-3\r\n,\r\n');
  });
});
