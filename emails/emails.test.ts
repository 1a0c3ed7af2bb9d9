import { describe, expect, test } from "vitest";
import {
  EmailRenderError,
  FOOTER,
  interpolate,
  renderEmail,
  renderMjml,
  templates,
  type EmailProps,
  type TemplateName,
} from "./index.server.ts";

const samples: { [Name in TemplateName]: EmailProps<Name> } = {
  "evidence-used": {
    name: "Siân Llŷr",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    uses: [
      {
        kind: "Consultation response",
        title: "VAT on shared services <b>",
        to: "UK Government",
        on: "3 December 2026",
        publicLink: "https://voice.example/c/vat",
      },
      {
        kind: "Open letter",
        title: "Pensions",
        to: "The Chancellor",
        on: "4 December 2026",
        publicLink: null,
      },
    ],
    link: "https://voice.example/organisation/evidence",
  },
  "weekly-digest": {
    name: "Siân Llŷr",
    sections: [
      { heading: "Asked of you", lines: ["Survey “VAT 2026”: not started, closes 12 December 2026"] },
      { heading: "Where your evidence was used", lines: ["Consultation response “VAT”, to UK Government"] },
    ],
    link: "https://voice.example/",
    unsubscribeLink: "https://voice.example/unsubscribe?token=abc",
  },
  "survey-invitation": {
    name: "Siân Llŷr",
    title: "VAT and shared services 2026",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    link: "https://voice.example/s/abc",
    closesOn: "30 November 2026",
    reminder: false,
    anonymous: false,
  },
  "survey-invitation-bilingual": {
    name: "Siân Llŷr",
    title: "VAT and shared services 2026",
    titleCy: "TAW a gwasanaethau a rennir 2026",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    link: "https://voice.example/s/abc",
    closesOn: "30 November 2026",
    closesOnCy: "30 Tachwedd 2026",
    reminder: false,
    anonymous: false,
  },
  "letter-invitation-bilingual": {
    name: "Siân Llŷr",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    title: "Zero-rate VAT on shared services",
    titleCy: "Dileu TAW ar wasanaethau a rennir",
    addressee: "The Chancellor of the Exchequer",
    link: "https://voice.example/letters/vat/sign?token=abc",
    closesOn: "30 November 2026",
    closesOnCy: "30 Tachwedd 2026",
  },
  "survey-receipt-bilingual": {
    name: "Siân Llŷr",
    title: "VAT and shared services 2026",
    titleCy: "TAW a gwasanaethau a rennir 2026",
    organisation: null,
    submittedAt: "26 November 2026 at 10:48",
    submittedAtCy: "26 Tachwedd 2026 am 10:48",
    link: "https://voice.example/s/abc",
  },
  "survey-receipt": {
    name: "Siân Llŷr",
    title: "VAT and shared services 2026",
    organisation: null,
    submittedAt: "26 November 2026 at 10:48",
    link: "https://voice.example/s/abc",
  },
  "second-factor-reset": {
    name: "Siân Llŷr",
    admin: "Alex Morgan <b>",
    link: "https://voice.example/account/security",
  },
  "sign-in": {
    name: "Siân Llŷr <script>alert(1)</script> & Co",
    link: "https://voice.example/login/verify?token=abc&next=%2F",
    minutes: 10,
  },
  "position-review-requested": {
    name: "Alex Morgan",
    requester: "Priya Shah",
    title: "VAT on shared services (Cymru: TAW ar wasanaethau a rennir)",
    version: 3,
    message: "Please check the Welsh block",
    link: "https://voice.example/positions/vat-on-shared-services",
  },
  "position-sent-back": {
    name: "Priya Shah",
    reviewer: "Alex Morgan",
    title: "VAT on shared services",
    comment: "Cite the HMRC guidance & the survey figure",
    link: "https://voice.example/positions/vat-on-shared-services",
  },
  "position-approved": {
    name: "Priya Shah",
    reviewer: "Alex Morgan",
    title: "VAT on shared services",
    version: 4,
    link: "https://voice.example/positions/vat-on-shared-services",
  },
  "position-urgent-published": {
    name: "Priya Shah",
    publisher: "Alex Morgan",
    title: "VAT on shared services",
    reason: "The Budget is tomorrow",
    link: "https://voice.example/positions/vat-on-shared-services",
  },
  invitation: {
    name: "Gwenllïan Jones",
    organisationName: "Llyfrgelloedd Caerdydd CIC",
    inviterName: "Priya Shah",
    link: "https://voice.example/login/verify?token=abc",
    minutes: 10,
    loginUrl: "https://voice.example/login",
  },
  "letter-invitation": {
    name: "Siân Llŷr",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    title: "Zero-rate VAT on shared services",
    addressee: "The Chancellor of the Exchequer",
    link: "https://voice.example/letters/vat/sign?token=abc",
    closesOn: "30 November 2026",
  },
  "letter-signed-bilingual": {
    name: "Siân Llŷr",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    title: "Zero-rate VAT on shared services",
    titleCy: "Dileu TAW ar wasanaethau a rennir",
    signedAt: "26 November 2026 at 10:48",
    signedAtCy: "26 Tachwedd 2026 am 10:48",
    publicLink: "https://voice.example/letters/vat",
    manageLink: "https://voice.example/letters/vat/sign",
  },
  "letter-signature-withdrawn-bilingual": {
    name: "Siân Llŷr",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    title: "Zero-rate VAT on shared services",
    titleCy: "Dileu TAW ar wasanaethau a rennir",
    manageLink: "https://voice.example/letters/vat/sign?token=abc",
  },
  "letter-delivered-bilingual": {
    name: "Siân Llŷr",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    title: "Zero-rate VAT on shared services",
    titleCy: "Dileu TAW ar wasanaethau a rennir",
    recipient: "HM Treasury",
    method: "by post",
    deliveredOn: "1 December 2026",
    deliveredOnCy: "1 Rhagfyr 2026",
    figures: "12 mutuals employing 3,450 staff, across England and Wales",
    figuresCy: "12 o gydfuddiannau yn cyflogi 3,450 o staff, ar draws Lloegr a Chymru",
    publicLink: "https://voice.example/letters/vat",
  },
  "letter-signed": {
    name: "Siân Llŷr",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    title: "Zero-rate VAT on shared services",
    signedAt: "26 November 2026 at 10:48",
    publicLink: "https://voice.example/letters/vat",
    manageLink: "https://voice.example/letters/vat/sign?token=abc",
  },
  "letter-signature-withdrawn": {
    name: "Siân Llŷr",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    title: "Zero-rate VAT on shared services",
    manageLink: "https://voice.example/letters/vat/sign?token=abc",
  },
  "letter-delivered": {
    name: "Siân Llŷr",
    organisation: "Gofal Cymunedol Caerdydd CIC",
    title: "Zero-rate VAT on shared services",
    recipient: "HM Treasury",
    method: "by email",
    deliveredOn: "1 December 2026",
    figures: "12 mutuals employing 3,450 staff, across England and Wales",
    publicLink: "https://voice.example/letters/vat",
  },
  "submission-review-requested": {
    name: "Alex Morgan",
    requester: "Priya Shah",
    title: "VAT treatment of cost-sharing groups",
    closesOn: "12 February 2027",
    message: "Please check question 3",
    link: "https://voice.example/submissions/4",
  },
  "submission-sent-back": {
    name: "Priya Shah",
    reviewer: "Alex Morgan",
    title: "VAT treatment of cost-sharing groups",
    comment: "Question 3 needs the survey figure",
    link: "https://voice.example/submissions/4",
  },
  "submission-approved": {
    name: "Priya Shah",
    reviewer: "Alex Morgan",
    title: "VAT treatment of cost-sharing groups",
    closesOn: "12 February 2027",
    link: "https://voice.example/submissions/4",
  },
  "submission-reminder": {
    name: "Priya Shah",
    title: "VAT treatment of cost-sharing groups",
    deadlineName: "internal deadline",
    due: "5 February 2027",
    daysLeft: 2,
    state: "in review",
    link: "https://voice.example/submissions/4",
  },
};

// The mapped type makes a template without sample props a compile error.
const names = Object.keys(templates).filter((name): name is TemplateName => name in samples);

describe("every registered template", () => {
  test("has sample props here", () => {
    expect(names).toEqual(Object.keys(templates));
  });

  test.each(names)("%s renders valid MJML with a subject, a text part and the footer", async (name) => {
    const email = await renderEmail(name, samples[name]);
    expect(email.subject.trim().length).toBeGreaterThan(0);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).toContain('<html lang="en-GB"');
    expect(email.html).toContain(`<title>${email.subject}</title>`);
    expect(email.html).toContain(FOOTER);
    expect(email.text).toContain(FOOTER);
    expect(email.text).not.toContain("<mj-");
  });
});

describe("sign-in", () => {
  test("escapes every value in text and attributes, and keeps Welsh letters", async () => {
    const email = await renderEmail("sign-in", samples["sign-in"]);
    expect(email.subject).toBe("Your sign-in link for Mutual Voice");
    expect(email.html).toContain(`<title>Your sign-in link for Mutual Voice</title>`);
    expect(email.html).toContain("Hello Siân Llŷr &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain('href="https://voice.example/login/verify?token=abc&amp;next=%2F"');
    expect(email.html).toContain("Sign in to Mutual Voice");
    expect(email.html).toContain("expires in 10 minutes");
  });

  test("the text part greets by name, gives the link to copy and says how long it lasts", async () => {
    const { text } = await renderEmail("sign-in", { ...samples["sign-in"], minutes: 1 });
    expect(text).toContain("Hello Siân Llŷr <script>alert(1)</script> & Co,");
    expect(text).toContain("\nhttps://voice.example/login/verify?token=abc&next=%2F\n");
    expect(text).toContain(
      "This link works once and expires in 1 minute. If you did not ask for it, you can ignore this email; nobody can sign in without it.",
    );
  });

  test("braces in a value stay text, never template", async () => {
    const email = await renderEmail("sign-in", { ...samples["sign-in"], name: "{{link}} {{{body}}}" });
    expect(email.html).toContain("Hello {{link}} {{{body}}},");
  });

  test("invalid props throw before anything renders", async () => {
    const sample = samples["sign-in"];
    await expect(renderEmail("sign-in", { ...sample, link: "javascript:alert(1)" })).rejects.toThrow(
      EmailRenderError,
    );
    await expect(renderEmail("sign-in", { ...sample, name: "  " })).rejects.toThrow(/sign-in/);
    await expect(renderEmail("sign-in", { ...sample, minutes: 2.5 })).rejects.toThrow(/minutes/);
    // @ts-expect-error: the compiler checks props against the template's schema
    await expect(renderEmail("sign-in", { name: "Ann", link: sample.link })).rejects.toThrow(/minutes/);
  });
});

describe("rendering parts", () => {
  test("interpolate escapes attributes and refuses unknown or non-text values", () => {
    expect(interpolate(`<a title="{{ v }}">{{v}}</a>`, { v: `"x" & 'y'` })).toBe(
      `<a title="&quot;x&quot; &amp; &#39;y&#39;">&quot;x&quot; &amp; &#39;y&#39;</a>`,
    );
    expect(interpolate("{{n}} items", { n: 3 })).toBe("3 items");
    expect(() => interpolate("{{missing}}", {})).toThrow(/missing/);
    expect(() => interpolate("{{toString}}", {})).toThrow(EmailRenderError);
    expect(() => interpolate("{{list}}", { list: ["a"] })).toThrow(EmailRenderError);
  });

  test("broken MJML fails the render instead of sending something half-made", async () => {
    const page = (body: string) =>
      `<mjml><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>`;
    await expect(renderMjml(page("<mj-text>fine</mj-text>"))).resolves.toContain("fine");
    await expect(renderMjml(page("<mj-txet>typo</mj-txet>"))).rejects.toThrow(/mj-txet/);
    await expect(renderMjml(page('<mj-button hreff="x">typo</mj-button>'))).rejects.toThrow(/hreff/);
    await expect(renderMjml("<mjml><mj-body><mj-text>loose</mj-text></mj-body></mjml>")).rejects.toThrow(
      EmailRenderError,
    );
  });
});

describe("position emails", () => {
  test("a review request names the requester, the version and the note, and escapes the title", async () => {
    const email = await renderEmail("position-review-requested", {
      ...samples["position-review-requested"],
      title: "VAT on shared services <b>now</b>",
    });
    expect(email.subject).toBe("Review requested: VAT on shared services <b>now</b>");
    expect(email.html).toContain("VAT on shared services &lt;b&gt;now&lt;/b&gt;");
    expect(email.text).toContain("Priya Shah has asked you to review");
    expect(email.text).toContain("(version 3)");
    expect(email.text).toContain("Their note: “Please check the Welsh block”");
    expect(email.text).toContain("https://voice.example/positions/vat-on-shared-services");
  });

  test("sending back carries the comment; approval without a comment says so", async () => {
    const back = await renderEmail("position-sent-back", samples["position-sent-back"]);
    expect(back.text).toContain("Cite the HMRC guidance & the survey figure");
    expect(back.html).toContain("Cite the HMRC guidance &amp; the survey figure");
    const approved = await renderEmail("position-approved", samples["position-approved"]);
    expect(approved.text).toContain("They left no comment.");
    await expect(
      renderEmail("position-sent-back", { ...samples["position-sent-back"], comment: " " }),
    ).rejects.toThrow(EmailRenderError);
  });

  test("an urgent publication asks for a retrospective review and gives the reason", async () => {
    const email = await renderEmail("position-urgent-published", samples["position-urgent-published"]);
    expect(email.subject).toMatch(/^Published without review/);
    expect(email.text).toContain("The Budget is tomorrow");
    expect(email.text).toContain("awaiting retrospective review");
  });
});

describe("invitation", () => {
  test("names the organisation, escapes it, and says how to get a new link once this one expires", async () => {
    const email = await renderEmail("invitation", {
      ...samples.invitation,
      organisationName: "Llyfrgelloedd Caerdydd <Libraries> & Co",
    });
    expect(email.subject).toBe("You are invited to Mutual Voice for Llyfrgelloedd Caerdydd <Libraries> & Co");
    expect(email.html).toContain("contact for Llyfrgelloedd Caerdydd &lt;Libraries&gt; &amp; Co.");
    expect(email.html).toContain('href="https://voice.example/login/verify?token=abc"');
    expect(email.html).toContain('href="https://voice.example/login"');
    expect(email.text).toContain("Hello Gwenllïan Jones,");
    expect(email.text).toContain("\nhttps://voice.example/login/verify?token=abc\n");
    expect(email.text).toContain("only for 10 minutes. If it has expired, go to https://voice.example/login");
  });
});

describe("survey emails", () => {
  test("a bilingual survey's invitation and receipt carry both languages, Welsh first and marked lang=cy", async () => {
    const invitation = await renderEmail(
      "survey-invitation-bilingual",
      samples["survey-invitation-bilingual"],
    );
    expect(invitation.subject).toBe(
      "Arolwg: TAW a gwasanaethau a rennir 2026 / Survey: VAT and shared services 2026",
    );
    expect(invitation.text.indexOf("Helo Siân Llŷr,")).toBeLessThan(
      invitation.text.indexOf("Hello Siân Llŷr,"),
    );
    expect(invitation.text).toContain("Mae'r arolwg yn cau ar ddiwedd 30 Tachwedd 2026.");
    expect(invitation.text).toContain("The survey closes at the end of 30 November 2026.");
    expect(invitation.html).toContain('lang="cy"');
    expect(invitation.html).toContain("Ateb yr arolwg");
    const receipt = await renderEmail("survey-receipt-bilingual", samples["survey-receipt-bilingual"]);
    expect(receipt.subject).toContain("Wedi dod i law");
    expect(receipt.text).toContain("ar 26 Tachwedd 2026 am 10:48");
    expect(receipt.text).toContain("were submitted on 26 November 2026 at 10:48");
    const letter = await renderEmail("letter-invitation-bilingual", samples["letter-invitation-bilingual"]);
    expect(letter.subject).toContain(
      "A wnewch chi lofnodi’r llythyr agored “Dileu TAW ar wasanaethau a rennir”?",
    );
    expect(letter.text).toContain("Mae llofnodion yn cau ar 30 Tachwedd 2026.");
    expect(letter.html).toContain("Darllen a llofnodi");
  });

  test("what follows a signature on a bilingual letter is in Welsh first, then English", async () => {
    const signed = await renderEmail("letter-signed-bilingual", samples["letter-signed-bilingual"]);
    expect(signed.subject).toBe(
      "Fe wnaethoch lofnodi “Dileu TAW ar wasanaethau a rennir” / You signed “Zero-rate VAT on shared services”",
    );
    expect(signed.text.indexOf("Helo Siân Llŷr,")).toBeLessThan(signed.text.indexOf("Hello Siân Llŷr,"));
    expect(signed.text).toContain("ar 26 Tachwedd 2026 am 10:48");
    expect(signed.text).toContain("on 26 November 2026 at 10:48");
    expect(signed.html).toContain('lang="cy"');
    expect(signed.html).toContain("Gweld y llythyr a'i lofnodwyr");
    const withdrawn = await renderEmail(
      "letter-signature-withdrawn-bilingual",
      samples["letter-signature-withdrawn-bilingual"],
    );
    expect(withdrawn.subject).toContain("Llofnod wedi’i dynnu’n ôl o “Dileu TAW ar wasanaethau a rennir”");
    expect(withdrawn.text).toContain("Mae llofnod Gofal Cymunedol Caerdydd CIC wedi'i dynnu'n ôl");
    expect(withdrawn.text).toContain("The signature of Gofal Cymunedol Caerdydd CIC has been withdrawn");
    const delivered = await renderEmail("letter-delivered-bilingual", samples["letter-delivered-bilingual"]);
    expect(delivered.subject).toBe(
      "Wedi’i anfon: “Dileu TAW ar wasanaethau a rennir” / Delivered: “Zero-rate VAT on shared services”",
    );
    expect(delivered.text).toContain("at HM Treasury drwy'r post ar 1 Rhagfyr 2026.");
    expect(delivered.text).toContain("was delivered to HM Treasury by post on 1 December 2026.");
    expect(delivered.text).toContain("Aeth gyda llofnodion 12 o gydfuddiannau");
    expect(delivered.html).toContain("ar draws Lloegr a Chymru");
  });

  test("an anonymous survey's reminder says to carry on with the first link", async () => {
    const email = await renderEmail("survey-invitation", {
      ...samples["survey-invitation"],
      reminder: true,
      anonymous: true,
    });
    expect(email.subject).toBe("Reminder: please answer “VAT and shared services 2026”");
    expect(email.text).toContain("carry on with that one");
    expect(email.html).toContain("carry on with that one");
    expect(email.text).toContain("\nhttps://voice.example/s/abc\n");
  });
});
