/**
 * The playground shell: header, the section nav and a hash router (`#/agents/<id>`,
 * `#/workflows/<id>`, `#/tools/<id>`, `#/settings`). `reloadKey` goes up each time `mastra dev`
 * swaps in a new server, and every view reloads its data when it changes.
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { watchServerSwaps } from "./dev-events.js";
import { href, parseRoute, SECTIONS } from "./routes.js";
import { AgentsView } from "./views/agents.js";
import { SettingsView } from "./views/settings.js";
import { ToolsView } from "./views/tools.js";
import { WorkflowsView } from "./views/workflows.js";

function App() {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  useEffect(() => watchServerSwaps(() => setReloadKey((k) => k + 1)), []);

  useEffect(() => {
    const label = SECTIONS.find((s) => s.section === route.section)!.label;
    document.title = `${route.id ? `${route.id} · ` : ""}${label} · Mastra playground`;
  }, [route]);

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Mastra playground</span>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.section}>
                <a href={href(s.section)} aria-current={route.section === s.section ? "page" : undefined}>
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="live" role="status" aria-live="polite" data-reload-key={reloadKey}>
          {reloadKey > 0 ? `Server reloaded (${reloadKey})` : ""}
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {route.section === "agents" && <AgentsView agentId={route.id} reloadKey={reloadKey} />}
        {route.section === "workflows" && <WorkflowsView workflowId={route.id} reloadKey={reloadKey} />}
        {route.section === "tools" && <ToolsView toolId={route.id} reloadKey={reloadKey} />}
        {route.section === "settings" && <SettingsView />}
      </main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
