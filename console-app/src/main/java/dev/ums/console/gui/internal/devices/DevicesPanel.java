package dev.ums.console.gui.internal.devices;

import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.PlainTextTable;
import dev.ums.protocol.imi.ThinClient;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.RowFilter;
import javax.swing.RowSorter;
import javax.swing.SortOrder;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.TableRowSorter;
import net.miginfocom.swing.MigLayout;

/**
 * The device table and the filter that narrows it (the field sits in the main window's toolbar). Enter or a
 * double-click runs the default action (shadow); the context menu (right click, Shift+F10 or the menu key) offers the
 * rest. Event thread only.
 */
public final class DevicesPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final DeviceTableModel model = new DeviceTableModel();
    private final JTable table = new PlainTextTable(model);
    private final TableRowSorter<DeviceTableModel> sorter = new TableRowSorter<>(model);
    private final JTextField filter = new JTextField(24);
    private Set<String> directories;

    public DevicesPanel() {
        super(new MigLayout("insets 0, fill", "[grow,fill]", "[grow,fill]"));
        table.setName("devices");
        filter.setName("filter");
        filter.putClientProperty("JTextField.placeholderText", "Filter by name, unit ID, IP or OS (Ctrl+F)");
        filter.putClientProperty("JTextField.showClearButton", true);
        filter.putClientProperty("JTextField.leadingIcon", Icons.of("search"));
        filter.setToolTipText("Shows the devices whose name, unit ID, IP address, OS or MAC contains this text (Ctrl+F)");
        sorter.setComparator(DeviceTableModel.NAME, NameOrder.INSTANCE);
        sorter.setSortKeys(List.of(new RowSorter.SortKey(DeviceTableModel.NAME, SortOrder.ASCENDING)));
        sorter.setSortsOnUpdates(true);      // a renamed device moves to its place, as do a new state or address
        table.setRowSorter(sorter);
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setAutoCreateRowSorter(false);
        table.setFillsViewportHeight(true);
        table.getColumnModel().getColumn(DeviceTableModel.ONLINE).setCellRenderer(new OnlineRenderer());
        table.getColumnModel().getColumn(DeviceTableModel.NAME).setPreferredWidth(160);
        table.getColumnModel().getColumn(DeviceTableModel.UNIT).setPreferredWidth(150);
        table.getColumnModel().getColumn(DeviceTableModel.LAST_CONTACT).setPreferredWidth(150);
        filter.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                applyFilter();
            }
        });
        JScrollPane scroll = new JScrollPane(table);
        scroll.setBorder(null);
        add(scroll);
    }

    /** Wires the default action (Enter, double-click) and the context menu's actions. */
    public void bindActions(Action defaultAction, List<Action> menu) {
        table.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "shadow");
        table.getActionMap().put("shadow", defaultAction);
        JPopupMenu popup = new JPopupMenu();
        popup.setName("deviceMenu");
        for (Action a : menu) {
            if (a == null) {
                popup.addSeparator();
            } else {
                popup.add(a).setName(String.valueOf(a.getValue(Action.ACTION_COMMAND_KEY)));
            }
        }
        table.getInputMap().put(KeyStroke.getKeyStroke("shift F10"), "menu");
        table.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_CONTEXT_MENU, 0), "menu");
        table.getActionMap().put("menu", new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                int row = Math.max(0, table.getSelectedRow());
                java.awt.Rectangle cell = table.getCellRect(row, 0, true);
                popup.show(table, cell.x + 20, cell.y + cell.height);
            }
        });
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                maybePopup(e);
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                maybePopup(e);
            }

            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && javax.swing.SwingUtilities.isLeftMouseButton(e)
                        && table.rowAtPoint(e.getPoint()) >= 0) {
                    defaultAction.actionPerformed(new java.awt.event.ActionEvent(table, 0, "shadow"));
                }
            }

            private void maybePopup(MouseEvent e) {
                if (e.isPopupTrigger()) {
                    int row = table.rowAtPoint(e.getPoint());
                    if (row >= 0) {
                        table.setRowSelectionInterval(row, row);
                    }
                    popup.show(table, e.getX(), e.getY());
                }
            }
        });
    }

    public JTable table() {
        return table;
    }

    public JTextField filterField() {
        return filter;
    }

    /** Shows the latest devices, keeping the selected device selected. */
    public void show(List<ThinClient> devices) {
        String selectedId = selected().map(ThinClient::id).orElse(null);
        if (model.setDevices(devices) && selectedId != null) {
            select(selectedId);
        }
    }

    /** Limits the table to devices in these directories; null shows all. */
    public void limitToDirectories(Set<String> ids) {
        this.directories = ids;
        applyFilter();
    }

    public Optional<ThinClient> selected() {
        int row = table.getSelectedRow();
        return row < 0 ? Optional.empty() : Optional.of(model.row(table.convertRowIndexToModel(row)));
    }

    public void select(String id) {
        int modelRow = model.rowOf(id);
        int row = modelRow < 0 ? -1 : table.convertRowIndexToView(modelRow);
        if (row >= 0) {
            table.setRowSelectionInterval(row, row);
            table.scrollRectToVisible(table.getCellRect(row, 0, true));
        }
    }

    public int shownCount() {
        return table.getRowCount();
    }

    public long onlineCount() {
        return model.rows().stream().filter(d -> Boolean.TRUE.equals(d.online())).count();
    }

    private void applyFilter() {
        String text = filter.getText().strip().toLowerCase(Locale.ROOT);
        Set<String> dirs = directories;
        sorter.setRowFilter(new RowFilter<>() {
            @Override
            public boolean include(Entry<? extends DeviceTableModel, ? extends Integer> entry) {
                ThinClient d = entry.getModel().row(entry.getIdentifier());
                if (dirs != null && !dirs.contains(d.parentId())) {
                    return false;
                }
                if (text.isEmpty()) {
                    return true;
                }
                for (int c = 0; c < entry.getValueCount(); c++) {
                    if (entry.getStringValue(c).toLowerCase(Locale.ROOT).contains(text)) {
                        return true;
                    }
                }
                return String.valueOf(d.mac()).toLowerCase(Locale.ROOT).contains(text);
            }
        });
    }
}
