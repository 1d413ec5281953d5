// A minimal W3C WebDriver client over fetch (Node 20+, no dependencies), enough to
// drive the Scout desktop app through tauri-driver: sessions, finding elements,
// reading text, clicking, running a script, and screenshots.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    super(`${method} ${path} → ${status}: ${value?.error ?? ""} ${value?.message ?? JSON.stringify(value)}`.trim());
    this.error = value?.error;
  }
}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(method, path, res.status, { message: text.slice(0, 300) });
  }
  if (!res.ok) throw new WebDriverError(method, path, res.status, json.value);
  return json.value;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor(what, probe, timeoutMs = 30_000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
    }
    await sleep(everyMs);
  }
}

/** Wait until the WebDriver server at `base` answers /status. */
export async function waitForServer(base, timeoutMs = 20_000) {
  await waitFor(`WebDriver server at ${base}`, async () => {
    const res = await fetch(base + "/status");
    return res.ok;
  }, timeoutMs, 250);
}

export class Session {
  static async create(base, capabilities) {
    const value = await call(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId);
  }

  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  #path(p) {
    return `/session/${this.id}${p}`;
  }

  async findAll(css, from) {
    const p = from ? `/element/${from}/elements` : "/elements";
    const found = await call(this.base, "POST", this.#path(p), { using: "css selector", value: css });
    return found.map((e) => e[ELEMENT]);
  }

  async find(css, from) {
    const p = from ? `/element/${from}/element` : "/element";
    const found = await call(this.base, "POST", this.#path(p), { using: "css selector", value: css });
    return found[ELEMENT];
  }

  /** Wait until `css` matches at least one element; returns the first. */
  async waitFind(css, timeoutMs) {
    return waitFor(`element ${css}`, async () => (await this.findAll(css))[0], timeoutMs);
  }

  async findByXPath(xpath) {
    const found = await call(this.base, "POST", this.#path("/elements"), { using: "xpath", value: xpath });
    return found.map((e) => e[ELEMENT]);
  }

  async text(element) {
    return call(this.base, "GET", this.#path(`/element/${element}/text`));
  }

  /** The element's DOM text (textContent), for text WebKitWebDriver reports as hidden
   * (it returns "" for single-line ellipsised text). */
  async textContent(element) {
    return this.execute("return arguments[0].textContent", [{ [ELEMENT]: element }]);
  }

  async attribute(element, name) {
    return call(this.base, "GET", this.#path(`/element/${element}/attribute/${encodeURIComponent(name)}`));
  }

  async click(element) {
    await call(this.base, "POST", this.#path(`/element/${element}/click`), {});
  }

  /** Type text into an input or textarea (W3C "Element Send Keys"). */
  async type(element, text) {
    await call(this.base, "POST", this.#path(`/element/${element}/value`), { text });
  }

  /** Run an async script; it calls `arguments[arguments.length - 1](result)` when done. */
  async executeAsync(script, args = []) {
    return call(this.base, "POST", this.#path("/execute/async"), { script, args });
  }

  async execute(script, args = []) {
    return call(this.base, "POST", this.#path("/execute/sync"), { script, args });
  }

  async title() {
    return call(this.base, "GET", this.#path("/title"));
  }

  /** PNG bytes of the current window. */
  async screenshot() {
    const b64 = await call(this.base, "GET", this.#path("/screenshot"));
    return Buffer.from(b64, "base64");
  }

  async delete() {
    await call(this.base, "DELETE", this.#path(""));
  }
}
