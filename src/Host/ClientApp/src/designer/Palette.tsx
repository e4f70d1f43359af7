// 组件面板: the activities the API's catalogue offers, by category. Drag one onto the canvas, or click it (or press
// Enter on it) to add it below the last step.
import { Tooltip, Typography } from 'antd';
import type { CatalogueEntry } from './model';

export const paletteMime = 'application/x-approvals-activity';

export function Palette({ catalogue, onAdd }: { catalogue: CatalogueEntry[]; onAdd: (entry: CatalogueEntry) => void }) {
  const categories = [...new Set(catalogue.map((e) => e.category))];
  return (
    <nav className="designer-palette" aria-label="组件面板" data-testid="palette">
      {categories.map((category) => (
        <section key={category}>
          <Typography.Text type="secondary" className="designer-palette-title">
            {category}
          </Typography.Text>
          {catalogue
            .filter((e) => e.category === category)
            .map((entry) => (
              <Tooltip key={entry.kind} title={entry.description} placement="right" mouseEnterDelay={0.6}>
                <button
                  type="button"
                  className="designer-palette-item"
                  draggable
                  data-testid={`palette-${entry.kind}`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(paletteMime, entry.kind);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                  onClick={() => onAdd(entry)}
                >
                  {entry.displayName}
                </button>
              </Tooltip>
            ))}
        </section>
      ))}
    </nav>
  );
}
