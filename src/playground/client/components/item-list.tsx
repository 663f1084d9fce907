/** The list of agents, workflows or tools down the side, each a link to its page. */
import { href, type Section } from "../routes.js";

export interface Item {
  id: string;
  title: string;
  /** A second line: the model, the step count, the description. */
  detail?: string;
}

export function ItemList({ label, section, items, currentId }: { label: string; section: Section; items: Item[]; currentId?: string }) {
  return (
    <nav class="items" aria-label={label}>
      <h2>{label}</h2>
      {items.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <a href={href(section, item.id)} aria-current={item.id === currentId ? "page" : undefined}>
                <span class="item-title">{item.title}</span>
                {item.detail && <span class="item-detail">{item.detail}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
