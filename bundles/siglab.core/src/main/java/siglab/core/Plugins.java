package siglab.core;

import java.util.List;
import java.util.Optional;

/** The registry of installed plug-ins, tracked dynamically as bundles come and go. */
public interface Plugins {

    /** Every installed plug-in, by kind then type. */
    List<PluginInfo> list();

    /** The types installed for one kind, sorted. */
    List<String> types(Kind kind);

    /** The plug-in of a kind and type, if installed. */
    Optional<Object> find(Kind kind, String type);
}
