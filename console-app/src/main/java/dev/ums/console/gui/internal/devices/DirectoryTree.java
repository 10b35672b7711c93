package dev.ums.console.gui.internal.devices;

import dev.ums.protocol.imi.TcDirectory;
import dev.ums.protocol.imi.ThinClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.JTree;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeModel;
import javax.swing.tree.TreePath;

/**
 * The directory tree: directories as the server nests them, devices as leaves. A poll that changes only
 * devices' state updates nodes in place; a change of structure rebuilds the tree and restores what was
 * expanded and selected. Event thread only.
 */
public final class DirectoryTree {
    private final DefaultMutableTreeNode root = new DefaultMutableTreeNode(TreeEntry.root());
    private final DefaultTreeModel model = new DefaultTreeModel(root);
    private final JTree tree = new JTree(model);
    private final Map<String, DefaultMutableTreeNode> deviceNodes = new HashMap<>();
    private List<String> structure = List.of();

    public DirectoryTree() {
        tree.setName("directoryTree");
        tree.setRootVisible(true);
        tree.setShowsRootHandles(true);
        tree.setCellRenderer(new TreeEntryRenderer());
        tree.getSelectionModel().setSelectionMode(javax.swing.tree.TreeSelectionModel.SINGLE_TREE_SELECTION);
    }

    public JTree component() {
        return tree;
    }

    /** The entry selected, or the root when nothing is. */
    public TreeEntry selected() {
        TreePath path = tree.getSelectionPath();
        return path == null ? TreeEntry.root() : (TreeEntry) ((DefaultMutableTreeNode) path.getLastPathComponent()).getUserObject();
    }

    /** The ids of the selected directory and every directory under it; null when all devices are meant. */
    public Set<String> selectedDirectories() {
        TreePath path = tree.getSelectionPath();
        if (path == null) {
            return null;
        }
        DefaultMutableTreeNode node = (DefaultMutableTreeNode) path.getLastPathComponent();
        TreeEntry entry = (TreeEntry) node.getUserObject();
        if (entry.kind() != TreeEntry.Kind.DIRECTORY) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        Enumeration<?> all = node.breadthFirstEnumeration();
        while (all.hasMoreElements()) {
            TreeEntry e = (TreeEntry) ((DefaultMutableTreeNode) all.nextElement()).getUserObject();
            if (e.kind() == TreeEntry.Kind.DIRECTORY) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    /** Selects the device's node, expanding its directories. */
    public void selectDevice(String id) {
        DefaultMutableTreeNode node = deviceNodes.get(id);
        if (node != null) {
            TreePath path = new TreePath(node.getPath());
            tree.setSelectionPath(path);
            tree.scrollPathToVisible(path);
        }
    }

    public void update(List<TcDirectory> directories, List<ThinClient> devices) {
        List<ThinClient> visibleDevices = devices.stream().filter(d -> !d.movedToBin())
                .sorted(Comparator.comparing(ThinClient::name, NameOrder.INSTANCE)).toList();
        List<TcDirectory> visibleDirs = directories.stream().filter(d -> !d.movedToBin())
                .sorted(Comparator.comparing(TcDirectory::name, NameOrder.INSTANCE)).toList();
        List<String> latest = new ArrayList<>();
        visibleDirs.forEach(d -> latest.add("d" + d.id() + "/" + d.parentId() + "/" + d.name()));
        visibleDevices.forEach(d -> latest.add("t" + d.id() + "/" + d.parentId() + "/" + d.name()));
        if (latest.equals(structure)) {
            for (ThinClient d : visibleDevices) {
                DefaultMutableTreeNode node = deviceNodes.get(d.id());
                node.setUserObject(TreeEntry.device(d));
                model.nodeChanged(node);
            }
            return;
        }
        structure = latest;
        rebuild(visibleDirs, visibleDevices);
    }

    private void rebuild(List<TcDirectory> directories, List<ThinClient> devices) {
        Set<String> expanded = new HashSet<>();
        Enumeration<TreePath> open = tree.getExpandedDescendants(new TreePath(root));
        while (open != null && open.hasMoreElements()) {
            expanded.add(((TreeEntry) ((DefaultMutableTreeNode) open.nextElement().getLastPathComponent()).getUserObject()).key());
        }
        String selectedKey = selected().key();
        Map<String, DefaultMutableTreeNode> dirNodes = new HashMap<>();
        root.removeAllChildren();
        deviceNodes.clear();
        for (TcDirectory d : directories) {
            dirNodes.put(d.id(), new DefaultMutableTreeNode(TreeEntry.directory(d.id(), d.name())));
        }
        for (TcDirectory d : directories) {
            parentOf(dirNodes, d.parentId(), d.id()).add(dirNodes.get(d.id()));
        }
        for (ThinClient d : devices) {
            DefaultMutableTreeNode node = new DefaultMutableTreeNode(TreeEntry.device(d), false);
            deviceNodes.put(d.id(), node);
            parentOf(dirNodes, d.parentId(), null).add(node);
        }
        model.reload();
        tree.expandPath(new TreePath(root));
        Enumeration<?> all = root.depthFirstEnumeration();
        while (all.hasMoreElements()) {
            DefaultMutableTreeNode node = (DefaultMutableTreeNode) all.nextElement();
            TreeEntry entry = (TreeEntry) node.getUserObject();
            if (expanded.contains(entry.key())) {
                tree.expandPath(new TreePath(node.getPath()));
            }
            if (entry.key().equals(selectedKey)) {
                tree.setSelectionPath(new TreePath(node.getPath()));
            }
        }
    }

    /** The node a child goes under; unknown parents (and a directory naming itself) fall back to the root. */
    private DefaultMutableTreeNode parentOf(Map<String, DefaultMutableTreeNode> dirs, String parentId, String selfId) {
        DefaultMutableTreeNode parent = parentId == null ? null : dirs.get(parentId);
        if (parent == null || parentId.equals(selfId)) {
            return root;
        }
        return parent;
    }
}
