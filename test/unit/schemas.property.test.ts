import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AccountSchema,
  AccountStatusSchema,
  BookingSchema,
  EntrySchema,
  SettingsSchema,
  SyncRecordSchema,
  TaskSchema,
} from '../../lib/core/schemas';
import {
  AccountIntentSchema,
  MessageSchema,
  PageIntentSchema,
  parseMessage,
  type SenderKind,
  TaskIntentSchema,
} from '../../lib/protocol/messages';

/**
 * Property-based fuzz of every zod boundary (fast-check): messages from other contexts, what comes back from
 * storage, the modal's URL fragment, and every provider answer schema (lib/providers/*-schemas.ts, picked up
 * automatically as providers are added). For arbitrary input, including objects whose own keys are
 * `__proto__` / `constructor`: nothing throws, every rejection says why, whatever is accepted parses again
 * (idempotent) and carries no key the schema does not declare, and Object.prototype is never touched.
 */

const RUNS = { numRuns: 200 };
const LONG = 'x'.repeat(5001);

/** A zod schema as far as these tests need one (zod 4 keeps its definition under `_zod.def`). */
interface AnySchema {
  safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: { message: string }[]; message: string } };
  _zod?: { def?: Record<string, unknown> };
}
const isSchema = (v: unknown): v is AnySchema =>
  typeof v === 'object' && v !== null && typeof (v as AnySchema).safeParse === 'function' && '_zod' in v;

/** Every key a schema (and the schemas inside it) declares: fuzzed objects use them to get past "expected object". */
function keysOf(schema: unknown, seen = new Set<unknown>()): Set<string> {
  const out = new Set<string>();
  if (!isSchema(schema) || seen.has(schema)) return out;
  seen.add(schema);
  const def = schema._zod?.def ?? {};
  const visit = (s: unknown) => {
    for (const k of keysOf(s, seen)) out.add(k);
  };
  const shape = def.shape as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(shape ?? {})) {
    out.add(k);
    visit(v);
  }
  for (const field of ['element', 'innerType', 'in', 'out', 'valueType', 'keyType']) visit(def[field]);
  for (const option of (def.options as unknown[] | undefined) ?? []) visit(option);
  return out;
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then'];

/** Values a field may plausibly be sent (right type, wrong type, edge values), plus anything at all. */
const fieldValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', 'local', 'harvest', '2026-03-01', '2026-13-45', '2026-03-01T09:00:00Z', '8:00am', '12h', 'token'),
  fc.constantFrom('https://github.com/o/r/issues/1', 'javascript:alert(1)', 'data:text/html,<script>x</script>', 'file:///etc/passwd'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(LONG),
);

/** Objects built from a schema's own keys (and hostile ones), nested. */
function shapedObjects(schema: unknown): fc.Arbitrary<unknown> {
  const keys = [...keysOf(schema), ...HOSTILE_KEYS];
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fieldValue,
      fc.dictionary(fc.constantFrom(...keys), tie('tree'), { maxKeys: keys.length, noNullPrototype: true }),
      fc.array(tie('tree'), { maxLength: 3 }),
    ),
  }));
  return fc.dictionary(fc.constantFrom(...keys), tree, { minKeys: 1, maxKeys: keys.length, noNullPrototype: true });
}

/**
 * Arbitrary values of every kind JavaScript has, with hostile keys. Not null-prototype objects: nothing Stint
 * parses can be one (messages, storage and HTTP bodies all arrive as JSON-like plain data), and zod 4.6 itself
 * throws while wording the issue for a null-prototype object with an own `constructor` key.
 */
const anything = fc.anything({
  key: fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_KEYS, 'type')),
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** JSON as it arrives over the wire: `JSON.parse` gives objects an OWN `__proto__` key. */
const jsonWithProto = fc
  .tuple(
    fc.jsonValue(),
    fc.dictionary(fc.constantFrom('type', 'task', 'notes', 'id', 'token', 'time', 'day'), fc.jsonValue(), { noNullPrototype: true }),
  )
  .map(
    ([proto, rest]) =>
      JSON.parse(
        `{"__proto__":${JSON.stringify(proto)},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(rest).slice(1)}`.replace(
          /,}$/,
          '}',
        ),
      ) as unknown,
  );

const inputsFor = (schema: unknown) => fc.oneof(anything, fc.jsonValue(), jsonWithProto, shapedObjects(schema));

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
afterAll(() => {
  // Nothing any parser did added to (or replaced in) Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** No key outside the schema survives parsing (zod builds a fresh object): checked on own keys, recursively. */
function onlyDeclaredKeys(value: unknown, declared: Set<string>): boolean {
  if (Array.isArray(value)) return value.every((v) => onlyDeclaredKeys(v, declared));
  if (typeof value !== 'object' || value === null) return true;
  return Object.keys(value).every((k) => declared.has(k) && onlyDeclaredKeys((value as Record<string, unknown>)[k], declared));
}

function checkSchema(name: string, schema: AnySchema) {
  const declared = keysOf(schema);
  fc.assert(
    fc.property(inputsFor(schema), (input) => {
      let result: ReturnType<AnySchema['safeParse']>;
      try {
        result = schema.safeParse(input);
      } catch (err) {
        throw new Error(`${name}.safeParse threw: ${String(err)}`);
      }
      if (result.success) {
        expect(schema.safeParse(result.data).success, `${name} accepts what it produced`).toBe(true);
        // Records (z.record) legitimately keep arbitrary keys; object shapes never do.
        if (declared.size > 0 && !('valueType' in (schema._zod?.def ?? {}))) {
          expect(onlyDeclaredKeys(result.data, declared), `${name} output has only declared keys`).toBe(true);
        }
        return;
      }
      expect(result.error.issues.length, `${name} says why`).toBeGreaterThan(0);
      for (const issue of result.error.issues) expect(typeof issue.message === 'string' && issue.message.length > 0).toBe(true);
      expect(result.error.message.length).toBeGreaterThan(0);
    }),
    RUNS,
  );
}

describe('lib/core/schemas.ts and storage schemas: safeParse of anything', () => {
  const schemas: Record<string, unknown> = {
    TaskSchema,
    BookingSchema,
    EntrySchema,
    AccountSchema,
    SyncRecordSchema,
    AccountStatusSchema,
    SettingsSchema,
  };
  it.each(Object.entries(schemas))('%s', (name, schema) => {
    if (!isSchema(schema)) throw new Error(`${name} is not a zod schema`);
    checkSchema(name, schema);
  });

  it('an accepted task link is always http(s)', () => {
    fc.assert(
      fc.property(inputsFor(TaskSchema), (input) => {
        const r = TaskSchema.safeParse(input);
        if (r.success) expect(new URL(r.data.url).protocol).toMatch(/^https?:$/);
      }),
      RUNS,
    );
  });
});

describe('provider answer schemas (lib/providers/*-schemas.ts)', () => {
  const modules = import.meta.glob<Record<string, unknown>>('../../lib/providers/*-schemas.ts', { eager: true });
  const schemas = Object.entries(modules).flatMap(([file, mod]) =>
    Object.entries(mod)
      .filter(([, v]) => isSchema(v))
      .map(([name, v]) => [`${file.replace(/^.*\//, '')} ${name}`, v as AnySchema] as const),
  );

  it('finds the provider schema modules', () => {
    expect(Object.keys(modules).some((f) => f.endsWith('harvest-schemas.ts'))).toBe(true);
    expect(schemas.length).toBeGreaterThan(5);
  });

  it.each(schemas)('%s', (name, schema) => checkSchema(name, schema));
});

const TASK_TYPES = new Set(TaskIntentSchema.options.map((o) => o.shape.type.value as string));
const ALL_TYPES = [...TaskIntentSchema.options, ...PageIntentSchema.options, ...AccountIntentSchema.options].map(
  (o) => o.shape.type.value as string,
);

/** Messages close to valid ones: every intent type, fields right, wrong, hostile or missing. */
const nearMessage = (() => {
  const str = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', ' ', '1:30', 'x', 'y'.repeat(65), LONG));
  const url = fc.oneof(
    fc.webUrl(),
    fc.constantFrom(
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<b>',
      'file:///etc/passwd',
      '//evil.example/',
      'about:blank',
    ),
    fc.string({ maxLength: 30 }),
  );
  const task = fc.record(
    { integration: str, id: str, title: str, url, groupId: str, groupName: str },
    { requiredKeys: ['integration', 'id', 'title', 'url'], noNullPrototype: true },
  );
  const booking = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.record({ accountId: str, projectId: str, taskId: str }, { requiredKeys: [], noNullPrototype: true }),
    anything,
  );
  return fc.record(
    {
      type: fc.oneof(fc.constantFrom(...ALL_TYPES), fc.constantFrom('tokens.get', 'secrets.dump', '__proto__', 'constructor'), fc.string()),
      task: fc.oneof(task, fc.constant(null), anything),
      notes: fc.oneof(str, anything),
      time: fc.oneof(fc.constantFrom('1:30', '90m', '9:00-10:30', 'soon', ''), str),
      day: fc.oneof(fc.constantFrom('2026-03-01', '2026-3-1', ''), str),
      booking,
      id: str,
      taskKey: str,
      token: str,
      provider: fc.constantFrom('harvest', 'toggl', 'HARVEST'),
      remoteAccountId: str,
    },
    { requiredKeys: ['type'], noNullPrototype: true },
  );
})();

const messageInputs = fc.oneof(anything, fc.jsonValue(), jsonWithProto, nearMessage);
const KINDS: SenderKind[] = ['extension-page', 'content-script', 'foreign'];

describe('parseMessage, for every sender kind', () => {
  // Found by this fuzz: the refusal message turned `type` into text with String(), which throws for a plain
  // JSON object whose own `toString` is not a function. Reachable from any content script over sendMessage.
  it.each([
    '{"type":{"toString":0}}',
    '{"type":[{"toString":0}]}',
    '{"type":{"toString":"x","valueOf":"y"}}',
  ])('does not throw for %s', (json) => {
    for (const kind of KINDS) {
      const r = parseMessage(JSON.parse(json), kind);
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.error.startsWith('Rejected')).toBe(true);
    }
  });

  it.each(KINDS)('%s: never throws; refusals say why (briefly); content scripts get task intents only', (kind) => {
    const declared = keysOf(MessageSchema);
    fc.assert(
      fc.property(messageInputs, (raw) => {
        const r = parseMessage(raw, kind);
        if (!r.ok) {
          expect(typeof r.error).toBe('string');
          expect(r.error.startsWith('Rejected')).toBe(true);
          // A 5 000-character field or type is not echoed back into logs and UI.
          expect(r.error.length).toBeLessThan(300);
          return;
        }
        expect(kind).not.toBe('foreign');
        if (kind === 'content-script') expect(TASK_TYPES.has(r.message.type)).toBe(true);
        expect(onlyDeclaredKeys(r.message, declared)).toBe(true);
        expect(Object.hasOwn(r.message, '__proto__')).toBe(false);
        if ('task' in r.message && r.message.task) expect(new URL(r.message.task.url).protocol).toMatch(/^https?:$/);
        // What was accepted is accepted again, unchanged.
        expect(parseMessage(r.message, kind)).toEqual(r);
      }),
      { numRuns: 3000 },
    );
  });

  it('a valid page-only or account intent from a content script is refused by name', () => {
    fc.assert(
      fc.property(nearMessage, (raw) => {
        const asPage = parseMessage(raw, 'extension-page');
        if (!asPage.ok || TASK_TYPES.has(asPage.message.type)) return;
        expect(parseMessage(raw, 'content-script')).toEqual({
          ok: false,
          error: `Rejected: "${asPage.message.type}" is not allowed from a web page.`,
        });
      }),
      { numRuns: 3000 },
    );
  });
});
