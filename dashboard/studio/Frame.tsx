// A preview frame for one request: a fresh page (and a fresh SDK) per request.
import { useEffect, useRef } from "preact/hooks";
import type { Reply, Request } from "./protocol";

const PREVIEW_PAGE = new URL("preview.html", document.baseURI).href;

export function Frame(props: {
  request: Request;
  /** Changing it reloads the frame for the same request. */
  run?: number;
  title: string;
  class?: string;
  style?: Record<string, string>;
  onReply: (reply: Reply) => void;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const key = `${props.run ?? 0}:${JSON.stringify(props.request)}`;
  const onReply = useRef(props.onReply);
  onReply.current = props.onReply;
  useEffect(() => {
    const listen = (event: MessageEvent<Reply>) => {
      const target = frame.current?.contentWindow;
      if (!target || event.source !== target || event.origin !== location.origin) return;
      if (event.data.kind === "ready") target.postMessage(props.request, location.origin);
      else onReply.current(event.data);
    };
    addEventListener("message", listen);
    return () => removeEventListener("message", listen);
  }, [key]);
  return (
    <iframe
      key={key}
      ref={frame}
      src={PREVIEW_PAGE}
      title={props.title}
      class={props.class}
      style={props.style}
    />
  );
}
