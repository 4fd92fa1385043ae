"use client";

// A user id field that suggests the app's users as you type (id, email or name, last
// seen first); any id can be typed, a user who does not exist yet is simulated blank.
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type KeyboardEvent } from "react";
import { apiFetch, withQuery } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { UsersResponse } from "@/lib/client/types";
import { useDebouncedValue } from "@/lib/client/use-debounced-value";
import { cx } from "../ui/cx";
import { compactInput } from "./inspector/fields";

const SUGGESTIONS = 6;

export function UserPicker({ id, value, onChange, invalid }: { id: string; value: string; onChange: (userId: string) => void; invalid?: boolean }) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(value.trim(), 200);
  const params = { q, limit: SUGGESTIONS, offset: 0 };
  const users = useQuery({
    queryKey: queryKeys.users.list(params),
    queryFn: ({ signal }) => apiFetch<UsersResponse>(withQuery("/api/v1/users", params), { signal }),
    enabled: open,
    staleTime: 30_000,
  });
  const options = users.data?.users ?? [];
  const showing = open && options.length > 0;

  function pick(userId: string) {
    onChange(userId);
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (options.length > 0) setActive((current) => (current + (event.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
    } else if (event.key === "Enter" && showing) {
      event.preventDefault();
      pick(options[Math.min(active, options.length - 1)]!.userId);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  }

  return (
    <div className="relative">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={showing}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showing ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
        aria-invalid={invalid || undefined}
        value={value}
        placeholder="Search users, or type any id"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          onChange(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={cx(compactInput, "font-mono")}
      />
      {showing ? (
        <ul id={listId} role="listbox" aria-label="Users" className="absolute inset-x-0 top-full z-30 mt-1 max-h-64 overflow-y-auto rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200">
          {options.map((user, index) => (
            <li
              key={user.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              // Keeps the input focused, so the pick lands before the list closes.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(user.userId);
              }}
              onMouseEnter={() => setActive(index)}
              className={cx("cursor-pointer px-3 py-1.5", index === active && "bg-brand-50")}
            >
              <span className="block truncate font-mono text-[13px] text-slate-900">{user.userId}</span>
              {user.name || user.email ? <span className="block truncate text-xs text-slate-500">{[user.name, user.email].filter(Boolean).join(" · ")}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
