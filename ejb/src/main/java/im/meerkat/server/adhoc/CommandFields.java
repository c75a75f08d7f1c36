package im.meerkat.server.adhoc;

import im.meerkat.server.admin.AdminException;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import java.util.List;

/** Reading required fields of a submitted form and turning admin refusals into stanza errors. */
final class CommandFields {

    private CommandFields() {
    }

    /** The value of a required field; {@code <bad-request/>} naming it when it is missing. */
    static String required(DataForm form, String var) throws StanzaErrorException {
        return form.value(var).orElseThrow(() -> new StanzaErrorException(
                StanzaErrorCondition.BAD_REQUEST, "the field " + var + " is required"));
    }

    /** The non-empty values of a required multi-value field; {@code <bad-request/>} when there are none. */
    static List<String> requiredList(DataForm form, String var) throws StanzaErrorException {
        List<String> values = form.values(var).stream().filter(s -> !s.isEmpty()).toList();
        if (values.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "the field " + var + " is required");
        }
        return values;
    }

    /** XEP-0050 §4.6 leaves the condition open; these follow RFC 6120 §8.3.3's meanings. */
    static StanzaErrorException toStanzaError(AdminException e) {
        StanzaErrorCondition condition = switch (e.kind()) {
            case NOT_FOUND -> StanzaErrorCondition.ITEM_NOT_FOUND;
            case CONFLICT -> StanzaErrorCondition.CONFLICT;
            case INVALID_ARGUMENT -> StanzaErrorCondition.NOT_ACCEPTABLE;
        };
        return new StanzaErrorException(condition, e.getMessage());
    }
}
