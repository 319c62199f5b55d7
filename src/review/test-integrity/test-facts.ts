/** One test case (`it`/`test` in JS, a `test_` function in Python) and what its body does. */
export interface TestCase {
  /** The title, with the titles of the describe blocks or class around it: "math > adds". */
  name: string;
  line: number;
  /** Assertions in the body, counting calls of local helpers that assert. */
  assertions: number;
}

/** One assertion: what it checks (`actual`) against what (`expected`), as source text. */
export interface Assertion {
  line: number;
  /** The test it is in, or null outside any test. */
  test: string | null;
  actual: string;
  /** Null for matchers without an expected value (`toBeTruthy()`, `assert x`). */
  expected: string | null;
  /** True when it cannot fail: a literal checked, or a value compared with itself. */
  constant: boolean;
}

/** A test or block turned off or focused (`it.skip`, `xit`, `.only`, `@pytest.mark.skip`…). */
export interface SkipMark {
  line: number;
  /** The construct as written, e.g. `it.skip`, `@pytest.mark.skipif(True)`. */
  construct: string;
  /** The test or block it applies to. */
  target: string;
}

/** A module replaced by a mock: `vi.mock('./x')`, `patch('app.x.f')`. */
export interface ModuleMock {
  line: number;
  /** The module specifier or patch target, as written. */
  target: string;
}

/** What one test file contains, as far as the integrity rules care. */
export interface TestFileFacts {
  cases: TestCase[];
  assertions: Assertion[];
  skips: SkipMark[];
  mocks: ModuleMock[];
}
