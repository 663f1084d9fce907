/** Settings: the auth header every request carries (kept in this browser's localStorage). */
import { useState } from "preact/hooks";
import { getAuthHeader, setAuthHeader } from "../api.js";

export function SettingsView() {
  const [auth, setAuth] = useState(getAuthHeader);
  const [saved, setSaved] = useState(false);
  const save = (e: Event) => {
    e.preventDefault();
    setAuthHeader(auth);
    setSaved(true);
  };
  return (
    <section class="detail narrow" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <form onSubmit={save}>
        <fieldset class="field">
          <legend>Auth header</legend>
          <p class="hint">
            Sent with every request the playground makes, for apps whose middleware asks for one (for example <code>Authorization: Bearer &lt;token&gt;</code>). Kept in
            this browser only.
          </p>
          <div class="field">
            <label for="auth-name">Header name</label>
            <input id="auth-name" value={auth.name} autoComplete="off" onInput={(e) => (setAuth({ ...auth, name: e.currentTarget.value }), setSaved(false))} />
          </div>
          <div class="field">
            <label for="auth-value">Header value</label>
            <input id="auth-value" type="password" value={auth.value} autoComplete="off" onInput={(e) => (setAuth({ ...auth, value: e.currentTarget.value }), setSaved(false))} />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary">
            Save
          </button>
          <span role="status">{saved ? "Saved." : ""}</span>
        </div>
      </form>
    </section>
  );
}
