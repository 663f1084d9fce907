// Just enough Dockerfile reading for the e2e: ENV values, COPY sources, the exec-form CMD.
export interface ParsedDockerfile {
  from: string[];
  env: Record<string, string>;
  copySources: string[];
  cmd: string[];
  instructions: { keyword: string; args: string }[];
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const joined = text.replace(/\\\r?\n/g, " ");
  const out: ParsedDockerfile = { from: [], env: {}, copySources: [], cmd: [], instructions: [] };
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const args = m[2].trim();
    out.instructions.push({ keyword, args });
    if (keyword === "FROM") out.from.push(args);
    if (keyword === "ENV") {
      for (const pair of args.match(/(\S+?)=("[^"]*"|\S+)/g) ?? []) {
        const i = pair.indexOf("=");
        out.env[pair.slice(0, i)] = pair.slice(i + 1).replace(/^"|"$/g, "");
      }
    }
    if (keyword === "COPY") {
      const parts = args.split(/\s+/).filter((p) => !p.startsWith("--"));
      out.copySources.push(...parts.slice(0, -1));
    }
    if (keyword === "CMD") out.cmd = JSON.parse(args) as string[];
  }
  return out;
}

/**
 * COPY sources the folder's .dockerignore keeps out of the build context. Ours is an allow-list
 * (`*` then `!name` lines), and a source it does not let in fails `docker build`; without an
 * engine here, this reading is the check.
 */
export function copySourcesKeptOut(dockerfile: string, dockerignore: string): string[] {
  const allowed = dockerignore.split("\n").filter((l) => l.startsWith("!")).map((l) => l.slice(1).replace(/\/\*\*$/, ""));
  return parseDockerfile(dockerfile).copySources.filter((src) => !allowed.includes(src.replace(/\/$/, "")));
}
