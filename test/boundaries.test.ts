// The import rules of DESIGN.md, enforced: every import in src/ and targets/ is read with
// TypeScript's parser and checked against the rooms it may reach. A new arrow that the design
// forbids fails here with the file, the line and the rule it breaks.
//
// What each room may import (other than itself and npm packages):
//   core                     nothing else (it is what the others build on)
//   server, stores, memory,  core only (server never a store: the app picks its store)
//   loggers
//   build                    no runtime room at run time (it bundles them; types are fine)
//   deploy                   build, targets (+ core types, and core's import-free shared
//                            helpers: src/core/did-you-mean.ts)
//   dev                      build, server, core, playground (its runtime entry also stores: the
//                            default SQLite file, as the node entry opens it)
//   cli, playground (server) any room
//   playground client        (src/playground/client/) core types only, and nothing of Node:
//                            it runs in the browser
//   targets                  the package's public entry points only (mastra-deploy, /server,
//                            /node, /targets, /build), as a third-party target would
// Runtime rooms (core, server, memory) import no node: builtin, the Node listener excepted
// (src/server/serve.ts, its early-answer.ts and storage-file.ts). The same rooms compile without Node's types (tsconfig.workerd.json).
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

type Room = "core" | "server" | "stores" | "memory" | "loggers" | "build" | "deploy" | "dev" | "cli" | "playground" | "playground-client" | "targets";
const ROOMS = new Set<Room>(["core", "server", "stores", "memory", "loggers", "build", "deploy", "dev", "cli", "playground", "targets"]);
const RUNTIME_ROOMS = new Set<Room>(["core", "server", "stores", "memory", "loggers"]);
/** Core's import-free helpers that the tool rooms may use too (one did-you-mean for config keys and target names). */
const SHARED_HELPERS = new Set(["src/core/did-you-mean.ts"]);
/** The server room's Node-only files: the listener on @hono/node-server (and the playground files it may serve, the default store's file). */
const NODE_LISTENER = new Set(["src/server/serve.ts", "src/server/early-answer.ts", "src/server/playground.ts", "src/server/storage-file.ts"]);
/** `mastra dev`'s runtime entry: it gives an app without storage the node runtimes' SQLite file. */
const DEV_ENTRY = "src/dev/entry.ts";

interface Import {
  /** Repo-relative, forward slashes. */
  from: string;
  line: number;
  specifier: string;
  typeOnly: boolean;
}

/** Every import, export-from, dynamic import() and import("x") type in one file. */
function importsOf(file: string, text: string): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ from: file, line, specifier: spec.text, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The room a repo-relative file belongs to, or undefined for a src/ folder DESIGN.md does not name. */
function roomOf(file: string): Room | undefined {
  const parts = file.split("/");
  if (parts[0] === "targets") return "targets";
  if (parts[0] !== "src") return undefined;
  if (parts.length === 2) return parts[1] === "index.ts" ? "core" : undefined; // the package root re-exports core
  if (parts[1] === "playground" && parts[2] === "client") return "playground-client";
  return ROOMS.has(parts[1] as Room) ? (parts[1] as Room) : undefined;
}

const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { name: string; exports: Record<string, string | { types?: string }> };

/** Source file behind each public subpath (`mastra-deploy/server` → src/server/index.ts). */
const PUBLIC_ENTRIES = new Map<string, string>();
for (const [subpath, target] of Object.entries(pkg.exports)) {
  const types = typeof target === "string" ? target : target.types;
  if (!types?.startsWith("./dist/src/")) continue;
  PUBLIC_ENTRIES.set(subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, types.slice("./dist/".length).replace(/\.d\.ts$/, ".ts"));
}

type Target = { kind: "file"; file: string } | { kind: "node" } | { kind: "package" };

const NODE_BUILTINS = new Set(builtinModules);

/** Where a specifier leads: a repo file, a Node builtin or an npm package. */
function resolveImport(imp: Import): Target {
  const spec = imp.specifier;
  if (spec.startsWith("node:") || NODE_BUILTINS.has(spec.split("/")[0]!)) return { kind: "node" };
  if (spec.startsWith(".")) {
    const abs = resolve(REPO, dirname(imp.from), spec);
    return { kind: "file", file: relative(REPO, abs).split(sep).join("/").replace(/\.(m?js|jsx)$/, ".ts") };
  }
  const entry = PUBLIC_ENTRIES.get(spec);
  return entry ? { kind: "file", file: entry } : { kind: "package" };
}

/** Why `imp` breaks a rule, or undefined when it is allowed. */
function violation(imp: Import): string | undefined {
  const from = roomOf(imp.from);
  if (!from) return `${imp.from} is in no room DESIGN.md names (src/core|server|stores|memory|loggers|build|deploy|dev|cli|playground, targets/)`;
  const target = resolveImport(imp);
  if (target.kind === "package") return undefined;
  if (target.kind === "node") {
    if (from === "playground-client") return "the playground client runs in the browser: no Node modules";
    if ((from === "core" || from === "memory" || from === "server") && !NODE_LISTENER.has(imp.from)) {
      return `${from} runs in workerd too: no Node modules (only the Node listener, src/server/serve.ts, early-answer.ts and storage-file.ts, uses them)`;
    }
    return undefined;
  }
  const to = roomOf(target.file);
  if (!to || to === from) return undefined; // outside the rooms (package.json, scaffolds), or the room itself
  const types = imp.typeOnly;
  switch (from) {
    case "core":
      return `core imports nothing of the other rooms (it reaches ${to})`;
    case "server":
    case "stores":
    case "memory":
    case "loggers":
      return to === "core" ? undefined : `${from} imports only core (it reaches ${to})`;
    case "build":
      if (RUNTIME_ROOMS.has(to)) return types ? undefined : `build bundles ${to}; it never imports it at run time (a type-only import is fine)`;
      return `build drives nothing: deploy, dev and cli drive build (it reaches ${to})`;
    case "deploy":
      if (to === "build" || to === "targets" || (to === "core" && (types || SHARED_HELPERS.has(target.file)))) return undefined;
      return `deploy drives build and targets only (it reaches ${to})`;
    case "dev":
      if (to === "build" || to === "server" || to === "core" || to === "playground" || to === "playground-client") return undefined;
      // Its runtime entry is bundled into the app like targets/node/entry.ts, and opens the same default store.
      if (imp.from === DEV_ENTRY && to === "stores") return undefined;
      return `dev drives build and server only (it reaches ${to})`;
    case "cli":
      return undefined;
    case "playground":
      return to === "cli" ? "only cli parses argv or prints: playground never imports it" : undefined;
    case "playground-client":
      return to === "core" && types ? undefined : `the playground client runs in the browser: it imports only core's types (it reaches ${to})`;
    case "targets":
      return [...PUBLIC_ENTRIES.values()].includes(target.file)
        ? undefined
        : `targets use only the public API (${[...PUBLIC_ENTRIES.keys()].join(", ")}), as a third-party target would; ${target.file} is private`;
  }
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(REPO, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && e.name !== ".mastra") out.push(...sourceFiles(rel));
    } else if (/\.(m?ts|tsx)$/.test(e.name)) out.push(rel);
  }
  return out;
}

describe("room boundaries (DESIGN.md)", () => {
  it("no import in src/ or targets/ crosses a boundary the design forbids", () => {
    const files = [...sourceFiles("src"), ...sourceFiles("targets")];
    expect(files.length).toBeGreaterThan(50);
    const broken: string[] = [];
    for (const file of files) {
      for (const imp of importsOf(file, readFileSync(join(REPO, file), "utf8"))) {
        const why = violation(imp);
        if (why) broken.push(`${imp.from}:${imp.line} imports "${imp.specifier}": ${why}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the shared helpers import nothing (so a tool room reaching one loads no runtime code)", () => {
    for (const file of SHARED_HELPERS) expect(importsOf(file, readFileSync(join(REPO, file), "utf8")), file).toEqual([]);
  });

  // The checker itself, on imports that break each rule: a rule that never fires guards nothing.
  it("reports each forbidden arrow", () => {
    const check = (from: string, text: string) => importsOf(from, text).map(violation);
    expect(check("src/core/x.ts", `import { createServer } from "../server/index.js";`)[0]).toMatch(/^core imports nothing/);
    expect(check("src/core/x.ts", `import { readFile } from "node:fs/promises";`)[0]).toMatch(/no Node modules/);
    expect(check("src/server/x.ts", `import { build } from "../build/index.js";`)[0]).toMatch(/^server imports only core/);
    expect(check("src/server/x.ts", `import type { PgStore } from "../stores/pg/index.js";`)[0]).toMatch(/^server imports only core/);
    expect(check("src/server/serve.ts", `import type { Server } from "node:http";`)).toEqual([undefined]);
    expect(check("src/stores/pg/x.ts", `export { Memory } from "../../memory/index.js";`)[0]).toMatch(/^stores imports only core/);
    expect(check("src/memory/x.ts", `const m = await import("../server/index.js");`)[0]).toMatch(/^memory imports only core/);
    expect(check("src/memory/x.ts", `import type { MastraStorage } from "../core/storage/types.js";`)).toEqual([undefined]);
    expect(check("src/loggers/x.ts", `import { createServer } from "../server/index.js";`)[0]).toMatch(/^loggers imports only core/);
    expect(check("src/server/request-log.ts", `import { Socket } from "node:net";`)[0]).toMatch(/no Node modules/);
    expect(check("src/build/x.ts", `import { Mastra } from "../core/mastra.js";`)[0]).toMatch(/never imports it at run time/);
    expect(check("src/build/x.ts", `import type { Mastra } from "../core/mastra.js";`)).toEqual([undefined]);
    expect(check("src/deploy/x.ts", `import { Mastra } from "../core/mastra.js";`)[0]).toMatch(/^deploy drives build and targets only/);
    expect(check("src/deploy/x.ts", `import { didYouMean } from "../core/did-you-mean.js";`)).toEqual([undefined]);
    for (const room of ["build", "deploy", "dev"]) {
      expect(check(`src/${room}/x.ts`, `import { print } from "../cli/format.js";`)[0]).toBeDefined();
    }
    expect(check("src/playground/client/app.tsx", `import { join } from "node:path";`)[0]).toMatch(/browser/);
    expect(check("src/playground/client/app.tsx", `import { serve } from "mastra-deploy/node";`)[0]).toMatch(/browser/);
    expect(check("targets/x/index.ts", `import { copyBuild } from "../../src/deploy/files.js";`)[0]).toMatch(/public API/);
    expect(check("targets/x/index.ts", `import { defineTarget } from "../../src/deploy/target.js";`)).toEqual([undefined]);
    expect(check("src/extras/x.ts", `import "zod";`)[0]).toMatch(/no room/);
  });
});
