import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";

/**
 * CI retries a failed unit test once (vitest.config.ts); one that then passes is named here, with
 * `flaky test:` at the start of the line, and CI's summary repeats it, so a flake is fixed rather
 * than hidden.
 */
export default class FlakyReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const diagnostic = test.diagnostic();
        if (!diagnostic?.flaky) continue;
        const file = path.relative(process.cwd(), module.moduleId);
        console.log(`flaky test: ${file} > ${test.fullName}: passed on try ${diagnostic.retryCount + 1}`);
      }
    }
  }
}
