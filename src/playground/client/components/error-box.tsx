import { errorMessage } from "../api.js";

/** An error the page could not act on, said in one place the same way everywhere. */
export function ErrorBox({ error, title = "Something went wrong" }: { error: unknown; title?: string }) {
  return (
    <div class="error-box" role="alert">
      <strong>{title}</strong>
      <p>{errorMessage(error)}</p>
    </div>
  );
}
