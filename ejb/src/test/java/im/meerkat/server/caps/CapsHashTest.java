package im.meerkat.server.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.xml.Element;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The verification string of XEP-0115 §5.1, checked against the examples of §5.2 and §5.3. */
class CapsHashTest {

    private static final String SIMPLE = """
            <query xmlns='http://jabber.org/protocol/disco#info'
                   node='http://code.google.com/p/exodus#QgayPKawpkPSDYmwT/WM94uAlu0='>
              <identity category='client' name='Exodus 0.9.1' type='pc'/>
              <feature var='http://jabber.org/protocol/caps'/>
              <feature var='http://jabber.org/protocol/disco#info'/>
              <feature var='http://jabber.org/protocol/disco#items'/>
              <feature var='http://jabber.org/protocol/muc'/>
            </query>""";

    private static final String COMPLEX = """
            <query xmlns='http://jabber.org/protocol/disco#info'
                   node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>
              <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
              <identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/>
              <feature var='http://jabber.org/protocol/caps'/>
              <feature var='http://jabber.org/protocol/disco#info'/>
              <feature var='http://jabber.org/protocol/disco#items'/>
              <feature var='http://jabber.org/protocol/muc'/>
              <x xmlns='jabber:x:data' type='result'>
                <field var='FORM_TYPE' type='hidden'>
                  <value>urn:xmpp:dataforms:softwareinfo</value>
                </field>
                <field var='ip_version'>
                  <value>ipv4</value>
                  <value>ipv6</value>
                </field>
                <field var='os'><value>Mac</value></field>
                <field var='os_version'><value>10.5.1</value></field>
                <field var='software'><value>Psi</value></field>
                <field var='software_version'><value>0.11</value></field>
              </x>
            </query>""";

    @Test
    void simpleGenerationExampleOfSection5_2() {
        assertEquals(Optional.of("QgayPKawpkPSDYmwT/WM94uAlu0="), CapsHash.ver(Xml.parse(SIMPLE)));
    }

    @Test
    void complexGenerationExampleOfSection5_3() {
        Element query = Xml.parse(COMPLEX);
        assertEquals(Optional.of("client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<"
                + "http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
                + "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<"
                + "urn:xmpp:dataforms:softwareinfo<ip_version<ipv4<ipv6<os<Mac<os_version<"
                + "10.5.1<software<Psi<software_version<0.11<"),
                CapsHash.verificationInput(query));
        assertEquals(Optional.of("q07IKJEyjvHSyhy//CH0CxmKi8w="), CapsHash.ver(query));
    }

    @Test
    void orderOfElementsDoesNotMatter() {
        Element reordered = Xml.parse("""
                <query xmlns='http://jabber.org/protocol/disco#info'>
                  <feature var='http://jabber.org/protocol/muc'/>
                  <feature var='http://jabber.org/protocol/disco#items'/>
                  <identity category='client' name='Exodus 0.9.1' type='pc'/>
                  <feature var='http://jabber.org/protocol/disco#info'/>
                  <feature var='http://jabber.org/protocol/caps'/>
                </query>""");
        assertEquals(Optional.of("QgayPKawpkPSDYmwT/WM94uAlu0="), CapsHash.ver(reordered));
    }

    @Test
    void duplicateFeaturesOrIdentitiesAreIllFormed() { // §5.4 steps 3.3 and 3.4
        assertTrue(CapsHash.ver(Xml.parse(SIMPLE.replace("</query>",
                "<feature var='http://jabber.org/protocol/muc'/></query>"))).isEmpty());
        assertTrue(CapsHash.ver(Xml.parse(SIMPLE.replace("</query>",
                "<identity category='client' name='Exodus 0.9.1' type='pc'/></query>")))
                .isEmpty());
    }

    @Test
    void aFormWithTwoFormTypesOrTwoFormsOfOneTypeAreIllFormed() { // §5.4 step 3.6
        String twoValues = COMPLEX.replace("<value>urn:xmpp:dataforms:softwareinfo</value>",
                "<value>urn:xmpp:dataforms:softwareinfo</value><value>urn:other</value>");
        assertTrue(CapsHash.ver(Xml.parse(twoValues)).isEmpty());
        String form = COMPLEX.substring(COMPLEX.indexOf("<x "), COMPLEX.indexOf("</x>") + 4);
        assertTrue(CapsHash.ver(Xml.parse(COMPLEX.replace("</query>", form + "</query>")))
                .isEmpty());
    }

    @Test
    void aFormWhoseFormTypeIsNotHiddenIsLeftOut() { // §5.4 step 3.7
        String visible = COMPLEX.replace("var='FORM_TYPE' type='hidden'", "var='FORM_TYPE'");
        assertEquals(CapsHash.ver(Xml.parse(COMPLEX.substring(0, COMPLEX.indexOf("<x "))
                + "</query>")), CapsHash.ver(Xml.parse(visible)));
    }

    @Test
    void featuresAreTheVarsOfTheFeatureElements() {
        assertEquals(Set.of("http://jabber.org/protocol/caps",
                "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                "http://jabber.org/protocol/muc"), CapsHash.features(Xml.parse(SIMPLE)));
    }
}
