/**
 * A chat with one agent: the reply streams token by token from POST /api/agents/:id/stream, tool
 * calls show with their arguments and results, Stop aborts the request (the server stops the
 * model: its abort path), and with memory the conversation is a thread (resource = the agent id,
 * as in Mastra's playground) that can be switched, started anew, and survives a server swap: the
 * open thread is kept (also across page reloads) and its messages are read again.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, errorMessage, getJson, readStream, request, seg, sseData } from "../api.js";
import { applyPart, fromStored, newId, textOf, type ChatMessage } from "../chat-model.js";
import { ChatMessageView } from "../components/chat-message.js";
import { callOptions, ChatSettings, loadChatSettings, saveChatSettings, type ChatSettingsValue } from "../components/chat-settings.js";
import { ErrorBox } from "../components/error-box.js";
import { useLoad } from "../components/use-load.js";

interface Thread {
  id: string;
  title?: string;
  createdAt: string;
  updatedAt?: string;
}

/** Mastra's placeholder title for a thread nobody named ("New Thread <ISO date>"). */
const PLACEHOLDER_TITLE = /^(New Thread( \S+)?)?$/i;

const threadKey = (agentId: string) => `mastra-playground:thread:${agentId}`;

function threadLabel(thread: Thread): string {
  const when = new Date(thread.createdAt);
  const time = Number.isNaN(when.getTime()) ? "" : when.toLocaleTimeString();
  return PLACEHOLDER_TITLE.test(thread.title ?? "") ? `Thread · ${time}` : `${thread.title}`;
}

export function Chat({ agentId, agentName, reloadKey }: { agentId: string; agentName: string; reloadKey: number }) {
  const memory = useLoad((signal) => getJson<{ result: boolean }>(`/api/memory/status?agentId=${seg(agentId)}`, signal), [agentId, reloadKey]);
  const hasMemory = memory.data?.result === true;
  const [threadId, setThreadId] = useState(() => localStorage.getItem(threadKey(agentId)) ?? newId());
  const [threadsVersion, setThreadsVersion] = useState(0);
  const threads = useLoad(
    (signal) =>
      hasMemory ? getJson<Thread[]>(`/api/memory/threads?agentId=${seg(agentId)}&resourceid=${seg(agentId)}`, signal) : Promise.resolve([] as Thread[]),
    [agentId, reloadKey, hasMemory, threadsVersion],
  );
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [loadError, setLoadError] = useState<unknown>();
  const [streaming, setStreaming] = useState<AbortController>();
  const streamingRef = useRef(false);
  const [draft, setDraft] = useState("");
  const [settings, setSettings] = useState<ChatSettingsValue>(() => loadChatSettings(agentId));
  const [settingsError, setSettingsError] = useState<string>();
  const scroller = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => localStorage.setItem(threadKey(agentId), threadId), [agentId, threadId]);

  // Leaving the chat (another agent, another section) stops its reply: nobody would see the rest.
  const current = useRef<AbortController | undefined>(undefined);
  current.current = streaming;
  useEffect(() => () => current.current?.abort(), []);

  // The thread's messages: on opening it, and again after a server swap (the open reply excepted).
  useEffect(() => {
    if (!hasMemory || streamingRef.current) return;
    const controller = new AbortController();
    getJson<{ uiMessages: Parameters<typeof fromStored>[0] }>(`/api/memory/threads/${seg(threadId)}/messages?agentId=${seg(agentId)}`, controller.signal).then(
      (res) => {
        if (controller.signal.aborted || streamingRef.current) return;
        setMessages(fromStored(res.uiMessages));
        setLoadError(undefined);
      },
      (error) => {
        if (controller.signal.aborted) return;
        // 404: a thread not saved yet (a new one), or one the server no longer has (an in-memory
        // store starts empty after a swap): what is on screen stays, the next message saves it.
        if (error instanceof ApiError && error.status === 404) setLoadError(undefined);
        else setLoadError(error);
      },
    );
    return () => controller.abort();
  }, [agentId, threadId, reloadKey, hasMemory]);

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const openThread = (id: string) => {
    if (streamingRef.current || id === threadId) return;
    setMessages([]);
    setThreadId(id);
    input.current?.focus();
  };

  const changeSettings = (value: ChatSettingsValue) => {
    setSettings(value);
    saveChatSettings(agentId, value);
    setSettingsError(undefined);
  };

  const send = async (text: string) => {
    const call = callOptions(settings);
    if ("error" in call) {
      setSettingsError(call.error);
      return;
    }
    const user: ChatMessage = { id: newId(), role: "user", parts: [{ type: "text", text }] };
    const reply: ChatMessage = { id: newId(), role: "assistant", parts: [] };
    const history = [...messages, user];
    setMessages([...history, reply]);
    setDraft("");
    const controller = new AbortController();
    streamingRef.current = true;
    setStreaming(controller);
    const update = (change: (m: ChatMessage) => ChatMessage) => setMessages((ms) => ms.map((m) => (m.id === reply.id ? change(m) : m)));
    // With memory the server holds the history; without, the page sends the conversation so far.
    const body = hasMemory
      ? { ...call.options, messages: [{ role: "user", content: text }], memory: { thread: threadId, resource: agentId } }
      : { ...call.options, messages: history.filter((m) => textOf(m)).map((m) => ({ role: m.role, content: textOf(m) })) };
    try {
      const res = await request(`/api/agents/${seg(agentId)}/stream`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream" },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      await readStream(
        res,
        sseData((data) => {
          if (data === "[DONE]") return;
          try {
            const part = JSON.parse(data) as Record<string, unknown>;
            update((m) => applyPart(m, part));
          } catch {
            // Not a part (a comment or keep-alive): nothing to show.
          }
        }),
        controller.signal,
      );
      if (controller.signal.aborted) update((m) => ({ ...m, ended: "stopped" }));
    } catch (error) {
      update((m) => (controller.signal.aborted ? { ...m, ended: "stopped" } : { ...m, ended: "error", error: errorMessage(error) }));
    } finally {
      streamingRef.current = false;
      setStreaming(undefined);
      setThreadsVersion((v) => v + 1);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    if (text && !streaming) void send(text);
  };

  const threadList = threads.data ?? [];
  const openIsListed = threadList.some((t) => t.id === threadId);
  return (
    <div class="chat">
      <nav class="threads" aria-label="Threads">
        {hasMemory ? (
          <>
            <button type="button" onClick={() => openThread(newId())} disabled={!!streaming}>
              New thread
            </button>
            <ul>
              {!openIsListed && (
                <li>
                  <button type="button" aria-current="true">
                    New thread (unsaved)
                  </button>
                </li>
              )}
              {threadList.map((t) => (
                <li key={t.id}>
                  <button type="button" aria-current={t.id === threadId ? "true" : undefined} data-thread-id={t.id} onClick={() => openThread(t.id)} disabled={!!streaming}>
                    {threadLabel(t)}
                  </button>
                </li>
              ))}
            </ul>
            {threads.error !== undefined && <ErrorBox error={threads.error} title="Could not list the threads" />}
          </>
        ) : memory.error !== undefined ? (
          <ErrorBox error={memory.error} title="Could not ask whether the agent has memory" />
        ) : (
          <p class="muted">{memory.loading ? "…" : "This agent has no memory: the chat is not saved. Give it new Memory() to keep threads."}</p>
        )}
      </nav>
      <section class="conversation" aria-label="Conversation">
        <div class="messages" ref={scroller} role="log" aria-label="Messages" aria-busy={streaming ? "true" : "false"}>
          {loadError !== undefined && <ErrorBox error={loadError} title="Could not read the thread" />}
          {messages.length === 0 && <p class="muted">Say something to {agentName}.</p>}
          {messages.map((m, i) => (
            <ChatMessageView key={m.id} message={m} agentName={agentName} streaming={!!streaming && i === messages.length - 1 && m.role === "assistant"} />
          ))}
        </div>
        <form class="composer" onSubmit={submit}>
          <ChatSettings value={settings} onChange={changeSettings} error={settingsError} />
          <div class="row">
            <label class="sr-only" for="chat-input">
              Message
            </label>
            <textarea
              id="chat-input"
              ref={input}
              rows={2}
              placeholder={`Message ${agentName} (Enter sends, Shift+Enter for a new line)`}
              value={draft}
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
              }}
            />
            {streaming ? (
              <button type="button" class="danger" onClick={() => streaming.abort()}>
                Stop
              </button>
            ) : (
              <button type="submit" class="primary" disabled={!draft.trim()}>
                Send
              </button>
            )}
          </div>
        </form>
      </section>
    </div>
  );
}
