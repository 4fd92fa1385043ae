"use client";

// A template body in CodeMirror: Liquid highlighted over HTML (MJML is HTML-like) or
// markdown, completions for the scope's variables, and the lines the server says do not
// compile marked as lint errors (underlined, with a marker in the gutter).
import { liquid } from "@codemirror/lang-liquid";
import { markdown } from "@codemirror/lang-markdown";
import { lintGutter, linter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import CodeMirror, { EditorView, type Extension } from "@uiw/react-codemirror";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { LineProblem } from "@/lib/client/template-draft";
import type { Format } from "@/lib/engine/nodes/fields";
import { cx } from "../ui/cx";

// What {{ … }} can read (lib/engine/templates.ts templateScope).
const VARIABLES = ["user", "event", "app", "unsubscribe_url"].map((label) => ({ label, type: "variable" }));
const PROPERTIES: Record<string, string[]> = {
  user: ["id", "name", "email", "phone", "attributes"],
  event: ["event", "data", "timestamp", "userId"],
  app: ["id", "name"],
};

const theme = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--font-mono, ui-monospace, SFMono-Regular, Menlo, monospace)", lineHeight: "1.6" },
  ".cm-gutters": { backgroundColor: "#f8fafc", borderRight: "1px solid #e2e8f0", color: "#94a3b8" },
  ".cm-activeLineGutter": { backgroundColor: "#eef2ff", color: "#475569" },
  ".cm-activeLine": { backgroundColor: "#f8fafc" },
  ".cm-lintRange-error": { backgroundColor: "#fef2f2" },
});

// Module constants: a new object each render would make the editor reconfigure itself.
const BASIC_SETUP = { foldGutter: false, highlightActiveLine: true, searchKeymap: true };

function languageOf(format: Format): Extension {
  const completions = { variables: VARIABLES, properties: (path: readonly string[]) => (PROPERTIES[path[0] ?? ""] ?? []).map((label) => ({ label, type: "property" })) };
  return format === "markdown" ? liquid({ ...completions, base: markdown() }) : liquid(completions);
}

type Props = { id: string; value: string; onChange: (value: string) => void; format: Format; problems: LineProblem[]; label: string; invalid?: boolean };

export function CodeEditor({ id, value, onChange, format, problems, label, invalid }: Props) {
  const [view, setView] = useState<EditorView | null>(null);
  // The editor's update listener outlives renders: it calls the latest onChange through this.
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  });
  const change = useCallback((text: string) => latestOnChange.current(text), []);
  // linter(null): the lint state and its marks stay installed; the diagnostics come from the server.
  const extensions = useMemo(() => [languageOf(format), linter(null), lintGutter(), theme, EditorView.lineWrapping, EditorView.contentAttributes.of({ "aria-label": label, id })], [format, label, id]);

  // The server's lines, on the text as it is now (a line past the end marks the last one).
  useEffect(() => {
    if (!view) return;
    const doc = view.state.doc;
    const diagnostics: Diagnostic[] = problems.flatMap((problem) => {
      if (problem.line === null) return [];
      const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
      return [{ from: line.from, to: line.to, severity: "error", message: problem.message, source: `line ${problem.line}` }];
    });
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }, [view, problems]);

  return (
    <div
      className={cx("overflow-hidden rounded-lg ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-500", invalid ? "ring-red-400" : "ring-slate-300")}
      data-testid="code-editor"
    >
      <CodeMirror
        value={value}
        onChange={change}
        extensions={extensions}
        onCreateEditor={setView}
        height="480px"
        basicSetup={BASIC_SETUP}
      />
    </div>
  );
}
