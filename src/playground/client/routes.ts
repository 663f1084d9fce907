/** The hash routes: `#/agents/<id>`, `#/workflows/<id>`, `#/tools/<id>`, `#/settings`. */
export type Section = "agents" | "workflows" | "tools" | "settings";

export interface Route {
  section: Section;
  /** The agent, workflow or tool id after the section, decoded. */
  id?: string;
}

export const SECTIONS: { section: Section; label: string }[] = [
  { section: "agents", label: "Agents" },
  { section: "workflows", label: "Workflows" },
  { section: "tools", label: "Tools" },
  { section: "settings", label: "Settings" },
];

export function parseRoute(hash: string): Route {
  const [section, ...rest] = hash.replace(/^#\/?/, "").split("/");
  const known = SECTIONS.find((s) => s.section === section);
  if (!known) return { section: "agents" };
  const id = rest.length ? decodeURIComponent(rest.join("/")) : undefined;
  return { section: known.section, id: id || undefined };
}

/** The link to a section, or to one item in it. */
export function href(section: Section, id?: string): string {
  return id ? `#/${section}/${encodeURIComponent(id)}` : `#/${section}`;
}
