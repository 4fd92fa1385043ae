"use client";

// A short list of names (events, field paths) as removable chips with an input to add more.
import { useState } from "react";
import { CloseIcon } from "../../ui/icons";
import { compactInput, str } from "./fields";

export function ChipList({
  value,
  onChange,
  placeholder,
  list,
  label,
  invalid,
}: {
  value: unknown;
  onChange: (items: string[]) => void;
  placeholder: string;
  list?: string;
  label: string;
  invalid?: boolean;
}) {
  const items = Array.isArray(value) ? value.map(str) : [];
  const [text, setText] = useState("");

  function add() {
    const item = text.trim();
    if (item && !items.includes(item)) onChange([...items, item]);
    setText("");
  }

  return (
    <div className="space-y-2">
      {items.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5" aria-label={label}>
          {items.map((item, index) => (
            <li key={`${item}-${index}`} className="inline-flex items-center gap-1 rounded-md bg-slate-100 py-0.5 pr-1 pl-2 font-mono text-xs text-slate-700 ring-1 ring-slate-200">
              {item || <span className="text-slate-400">(empty)</span>}
              <button
                type="button"
                onClick={() => onChange(items.filter((_, i) => i !== index))}
                className="rounded p-0.5 text-slate-400 hover:bg-white hover:text-red-600"
                aria-label={`Remove ${item}`}
              >
                <CloseIcon className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-1.5">
        <input
          type="text"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add();
            }
          }}
          onBlur={add}
          list={list}
          placeholder={placeholder}
          aria-label={label}
          aria-invalid={invalid || undefined}
          className={`${compactInput} font-mono`}
          autoComplete="off"
        />
      </div>
    </div>
  );
}
