/**
 * A token or API key field: masked, never autocompleted or spell-checked (so the browser neither stores nor sends
 * it anywhere), labelled. Every place that takes a secret uses this one.
 */
export function SecretField({
  id,
  name,
  label,
  value,
  onInput,
  autoFocus = false,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  onInput(value: string): void;
  autoFocus?: boolean;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={value}
        required
        // biome-ignore lint/a11y/noAutofocus: only where the form opens on the user's own press and the field is what they came for.
        autoFocus={autoFocus}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}
