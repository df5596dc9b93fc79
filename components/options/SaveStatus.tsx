/** What an options section that saves as it changes says about its last save: the refusal, else the confirmation. */
export function SaveStatus({ status, error }: { status: string; error: string }) {
  return (
    <>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" class="muted">
        {status}
      </p>
    </>
  );
}
