/**
 * The tenant's custom schema, `urn:ietf:params:scim:schemas:extension:tenant:2.0:User`
 * (docs/netskope.md §5.3; docs/schemas.md): the same definitions an admin can make with PUT and
 * PATCH /Schemas/{id}. Attributes users hold values for can be described but not changed or
 * removed, as on a Netskope tenant.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { CustomAttribute } from '../../../../server/admin/contract';
import { errorMessage } from '../../api/admin-error';
import { useCustomSchema } from '../../stores/custom-schema-store';
import { useSettings } from '../../stores/settings-store';

type ChoiceKey = 'type' | 'uniqueness' | 'returned' | 'mutability';
/**
 * The attribute's enumerated characteristics (RFC 7643 §7), first option the default. The values
 * come from the server with the settings facts (customAttributeChoices), so the form offers what
 * the tenant accepts.
 */
const CHOICE_LABELS: { key: ChoiceKey; label: string }[] = [
  { key: 'type', label: 'Type' },
  { key: 'uniqueness', label: 'Uniqueness' },
  { key: 'returned', label: 'Returned' },
  { key: 'mutability', label: 'Mutability' },
];

const BLANK: CustomAttribute = {
  name: '',
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  description: '',
};

function summary(a: CustomAttribute): string {
  const bits: string[] = [a.type];
  if (a.multiValued) bits.push('multi-valued');
  if (a.required) bits.push('required');
  if (a.caseExact) bits.push('caseExact');
  if (a.mutability !== 'readWrite') bits.push(a.mutability);
  if (a.returned !== 'default') bits.push(`returned ${a.returned}`);
  if (a.uniqueness !== 'none') bits.push(`unique (${a.uniqueness})`);
  return bits.join(', ');
}

export function CustomSchemaPanel({ available }: { available: boolean }) {
  const schema = useCustomSchema((s) => s.schema);
  const loaded = useCustomSchema((s) => s.loaded);
  const saving = useCustomSchema((s) => s.saving);
  const choices = useSettings((s) => s.settings?.customAttributeChoices);
  const [draft, setDraft] = useState<CustomAttribute>(BLANK);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void useCustomSchema.getState().load();
  }, []);

  const attributes = schema?.attributes ?? [];
  const run = async (what: () => Promise<void>, done: string) => {
    try {
      await what();
      setStatus({ ok: true, text: done });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(draft.name)) {
      setStatus({
        ok: false,
        text: 'A name starts with a letter, then letters, digits, "-" or "_" (at most 64).',
      });
      return;
    }
    const others = attributes.filter((a) => a.name.toLowerCase() !== draft.name.toLowerCase());
    void run(async () => {
      await useCustomSchema.getState().save([...others, draft]);
      setDraft(BLANK);
    }, `Saved "${draft.name}".`);
  };
  const set = <K extends keyof CustomAttribute>(k: K, v: CustomAttribute[K]) =>
    setDraft({ ...draft, [k]: v });

  return (
    <section className="panel" aria-labelledby="custom-schema-title">
      <h2 id="custom-schema-title">Custom user attributes</h2>
      <p className="muted small">
        The tenant schema <code>urn:ietf:params:scim:schemas:extension:tenant:2.0:User</code>, as an admin
        defines it with PUT or PATCH on /Schemas.{' '}
        {available ? '' : 'The rfc profile does not serve it: switch to a Netskope profile to use it.'}
      </p>
      {!loaded ? null : attributes.length === 0 ? (
        <p className="muted">{schema ? 'The schema has no attributes.' : 'No custom schema is defined.'}</p>
      ) : (
        <ul className="custom-attrs" aria-label="Custom attributes">
          {attributes.map((a) => (
            <li key={a.name}>
              <span className="mono">{a.name}</span> <span className="muted small">{summary(a)}</span>
              {schema?.inUse.includes(a.name) ? (
                <span className="muted small"> — in use</span>
              ) : (
                <button
                  type="button"
                  className="button small"
                  disabled={saving}
                  onClick={() =>
                    void run(
                      () => useCustomSchema.getState().save(attributes.filter((x) => x.name !== a.name)),
                      `Removed "${a.name}".`,
                    )
                  }
                >
                  Remove {a.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="inline-fields" aria-label="Add a custom attribute">
        <label className="inline-field">
          Name
          <input value={draft.name} onChange={(e) => set('name', e.target.value)} maxLength={64} />
        </label>
        {CHOICE_LABELS.map(({ key, label }) => (
          <label key={key} className="inline-field">
            {label}
            <select
              value={draft[key]}
              onChange={(e) => set(key, e.target.value as CustomAttribute[typeof key])}
            >
              {(choices?.[key] ?? [draft[key]]).map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </label>
        ))}
        {(['multiValued', 'required', 'caseExact'] as const).map((k) => (
          <label key={k} className="check">
            <input type="checkbox" checked={draft[k]} onChange={(e) => set(k, e.target.checked)} /> {k}
          </label>
        ))}
        <label className="inline-field">
          Description
          <input
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
            maxLength={1024}
          />
        </label>
        <button type="submit" className="button small" disabled={saving}>
          Add attribute
        </button>
      </form>
      {schema && (
        <button
          type="button"
          className="button small"
          disabled={saving || schema.inUse.length > 0}
          title={schema.inUse.length ? 'Users hold values for some attributes' : undefined}
          onClick={() => void run(() => useCustomSchema.getState().remove(), 'Custom schema deleted.')}
        >
          Delete custom schema
        </button>
      )}
      {status && (
        <p className={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
