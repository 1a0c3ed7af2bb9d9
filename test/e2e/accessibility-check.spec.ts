import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers.ts";

// Every story leans on this check: it must fail when a page breaks the rules, not only pass.
test("the accessibility check fails on a page with an unlabelled field and an image without a text alternative", async ({
  page,
}) => {
  await page.goto("/login");
  await expectAccessible(page);
  await page.evaluate(() => {
    const main = document.querySelector("main");
    main?.insertAdjacentHTML("beforeend", '<img src="/favicon.ico"><input type="text" name="unlabelled">');
  });
  const failure = await expectAccessible(page).then(
    () => "",
    (error: unknown) => String(error),
  );
  expect(failure).toContain("image-alt");
  expect(failure).toContain("label");
});
