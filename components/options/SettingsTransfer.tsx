import { useId, useState } from 'preact/hooks';
import { t, tp } from '@/lib/i18n';
import { send } from '@/lib/ui/client';

/** Saves text as a file through the browser's download (an object URL on a temporary link). */
function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const today = () => new Date().toLocaleDateString('en-CA');

/** Export / import settings as JSON (never a secret: the background builds the file), and entries as CSV. */
export function SettingsTransfer() {
  const id = useId();
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  // The suggestions' time on task pages stays out of the file unless asked for here.
  const [withSeen, setWithSeen] = useState(false);
  const report = (ok: string, err = '') => {
    setStatus(ok);
    setError(err);
  };

  async function exportSettings() {
    const reply = await send({ type: 'settings.export', ...(withSeen ? { withSeen: true } : {}) });
    if (!reply.ok) return report('', reply.error);
    const name = `stint-settings-${today()}.json`;
    download(name, 'application/json', `${JSON.stringify(reply.data, null, 2)}\n`);
    report(t('downloaded', name));
  }

  async function importSettings(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return report('', t('import_not_json'));
    } finally {
      input.value = '';
    }
    const reply = await send({ type: 'settings.import', file: parsed });
    if (!reply.ok) return report('', reply.error);
    report(tp('imported', reply.data.rules));
  }

  async function exportCsv() {
    const reply = await send({ type: 'entries.export' });
    if (!reply.ok) return report('', reply.error);
    const name = `stint-entries-${today()}.csv`;
    download(name, 'text/csv', reply.data.csv);
    report(t('downloaded', name));
  }

  return (
    <section aria-labelledby={`${id}-title`} class="transfer">
      <h2 id={`${id}-title`}>{t('transfer_title')}</h2>
      <p class="muted">{t('transfer_help')}</p>
      <div class="actions left">
        <button type="button" onClick={() => void exportSettings()}>
          {t('export_settings')}
        </button>
        <button type="button" onClick={() => void exportCsv()}>
          {t('export_csv')}
        </button>
      </div>
      <label class="check">
        <input type="checkbox" name="export-with-seen" checked={withSeen} onChange={(e) => setWithSeen(e.currentTarget.checked)} />
        {t('export_with_seen')}
      </label>
      <div class="field">
        <label for={`${id}-import`}>{t('import_settings')}</label>
        <input
          id={`${id}-import`}
          name="import-settings"
          type="file"
          accept="application/json,.json"
          onChange={(e) => void importSettings(e.currentTarget)}
        />
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status">{status}</p>
    </section>
  );
}
