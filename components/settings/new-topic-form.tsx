"use client";

// The "New topic" form: a name, a key (proposed from the name until typed), and whether
// people start subscribed (opt-out) or not (opt-in). The API's field errors, and its 409
// for a key that is taken, land under the field they are about.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { deliveryApi, deliveryKeys, topicKeyFrom, type TopicDefault, type TopicList } from "@/lib/client/delivery";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { CheckIcon, PlusIcon } from "../ui/icons";
import { inputClasses } from "../ui/input";
import { ChoiceCards } from "./choice-cards";

const AUDIENCES: { value: TopicDefault; label: string; hint: string }[] = [
  { value: "subscribed", label: "Opt-out", hint: "Everyone gets it until they unsubscribe." },
  { value: "unsubscribed", label: "Opt-in", hint: "Only people who subscribe get it." },
];

type Errors = Partial<Record<"key" | "name" | "default", string>> & { general?: string };

function errorsOf(error: unknown): Errors {
  if (!(error instanceof ApiRequestError)) return error instanceof Error ? { general: error.message } : {};
  // A taken key is a 409 without details: it is about the key.
  if (error.code === "conflict") return { key: error.message };
  const errors: Errors = {};
  for (const detail of error.details) {
    if (detail.path === "key" || detail.path === "name" || detail.path === "default") errors[detail.path] ??= detail.message;
    else errors.general ??= detail.message;
  }
  return error.details.length ? errors : { general: error.message };
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="text-xs text-red-600" data-testid="field-error">
      {message}
    </p>
  ) : null;
}

export function NewTopicForm() {
  const id = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [keyTyped, setKeyTyped] = useState(false);
  const [audience, setAudience] = useState<TopicDefault>("subscribed");
  const [errors, setErrors] = useState<Errors>({});
  const [added, setAdded] = useState<string | null>(null);
  const shownKey = keyTyped ? key : topicKeyFrom(name);

  const create = useMutation({
    mutationFn: () => deliveryApi.createTopic({ key: shownKey, name: name.trim(), default: audience }),
    onSuccess: (topic) => {
      queryClient.setQueryData<TopicList>(deliveryKeys.topics, (old) => (old ? { topics: [...old.topics, topic] } : old));
      void queryClient.invalidateQueries({ queryKey: deliveryKeys.topics });
      setAdded(topic.name);
      setName("");
      setKey("");
      setKeyTyped(false);
      setAudience("subscribed");
      setErrors({});
    },
    onError: (error) => setErrors(errorsOf(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    create.mutate();
  };

  return (
    <Card>
      <CardHeader title="New topic" description="For a kind of message people may want without the rest, like weekly deals." />
      <form onSubmit={submit} noValidate aria-label="New topic" className="space-y-4 px-5 py-5">
        <div className="space-y-1.5">
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input
            id={`${id}-name`}
            className={inputClasses}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setErrors(({ name: _, ...rest }) => rest);
            }}
            placeholder="Weekly deals"
            maxLength={100}
            aria-invalid={Boolean(errors.name) || undefined}
            aria-describedby={errors.name ? `${id}-name-error` : undefined}
          />
          <FieldError id={`${id}-name-error`} message={errors.name} />
        </div>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-key`} className="block text-sm font-medium text-slate-700">
            Key
          </label>
          <input
            id={`${id}-key`}
            className={cx(inputClasses, "font-mono text-[13px]")}
            value={shownKey}
            onChange={(event) => {
              setKey(event.target.value);
              setKeyTyped(true);
              setErrors(({ key: _, ...rest }) => rest);
            }}
            placeholder="weekly-deals"
            spellCheck={false}
            autoCapitalize="off"
            maxLength={64}
            aria-invalid={Boolean(errors.key) || undefined}
            aria-describedby={`${id}-key-hint`}
          />
          {errors.key ? (
            <FieldError id={`${id}-key-hint`} message={errors.key} />
          ) : (
            <p id={`${id}-key-hint`} className="text-xs text-slate-500">
              What sends and the API name it by. Lowercase letters, digits, - _ and . ; it cannot change later.
            </p>
          )}
        </div>
        <fieldset>
          <legend className="mb-1.5 block text-sm font-medium text-slate-700">Who receives it</legend>
          <ChoiceCards name={`${id}-default`} value={audience} options={AUDIENCES} onChange={setAudience} />
          <FieldError id={`${id}-default-error`} message={errors.default} />
        </fieldset>
        {errors.general ? <Alert>{errors.general}</Alert> : null}
        <div className="flex items-center justify-between gap-3 pt-1">
          <p className="min-w-0 text-sm text-emerald-700" role="status">
            {added ? (
              <span className="inline-flex items-center gap-1.5">
                <CheckIcon className="size-4 shrink-0" /> Added {added}
              </span>
            ) : null}
          </p>
          <Button type="submit" loading={create.isPending}>
            <PlusIcon /> Add topic
          </Button>
        </div>
      </form>
    </Card>
  );
}
