import type { GuideCategory, Locale, SectionKind } from '../model.js';

/**
 * Sample patient-education guides for the fictional practice "Harbor Plastic Surgery, P.A." (Miami, Florida).
 * Written for this project in plain language (about grade 8 in English, equally plain Spanish). They are
 * education, not medical advice: they make no promises about results and always point to a consultation.
 * The drawings live in ./figures and are shared by both languages; only their alt text and caption differ.
 */

export interface SampleFigure {
  /** File name in ./figures, e.g. 'scar-z-plasty.svg'. */
  image: string;
  alt: string;
  caption: string;
}

export interface SampleSection {
  kind: SectionKind;
  /** Only for kind 'custom'. */
  heading?: string;
  /** Markdown: paragraphs, '- ' lists, **bold**; no headings, no images, no HTML. */
  body: string;
  figures?: SampleFigure[];
}

export interface SampleGuide {
  slug: string;
  locale: Locale;
  category: GuideCategory;
  title: string;
  /** 1–2 sentences, at most 240 characters. */
  summary: string;
  sections: SampleSection[];
  /** Slugs of other sample guides. */
  related: string[];
}

/** Paragraphs and lists, separated by blank lines. */
const md = (...blocks: string[]): string => blocks.join('\n\n');
/** A Markdown bullet list. */
const list = (...items: string[]): string => items.map((item) => `- ${item}`).join('\n');

type FigureText = Record<Locale, { alt: string; caption: string }>;

const FIGURE_TEXT = {
  'scar-z-plasty.svg': {
    en: {
      alt: 'Two panels. Left: a straight scar with a dashed Z-shaped cut along it, and arrows showing two triangles of skin trading places. Right: the healed scar now has a zigzag shape.',
      caption: 'Z-plasty: two small flaps of skin swap places. This turns the scar and makes it longer and looser.',
    },
    es: {
      alt: 'Dos paneles. Izquierda: una cicatriz recta con un corte punteado en forma de Z y flechas que muestran cómo dos triángulos de piel cambian de lugar. Derecha: la cicatriz ya sanada, ahora en zigzag.',
      caption: 'Zetaplastia: dos pequeños colgajos de piel cambian de lugar. Así la cicatriz gira y queda más larga y menos tirante.',
    },
  },
  'scar-flap.svg': {
    en: {
      alt: 'Two panels. Left: a square scar with two dashed cut lines beside it and an arrow showing nearby skin sliding over. Right: the area closed, with thin stitched lines.',
      caption: 'A skin flap: the scar is removed and nearby skin slides over to cover the area.',
    },
    es: {
      alt: 'Dos paneles. Izquierda: una cicatriz cuadrada con dos líneas de corte punteadas al lado y una flecha que muestra cómo se desliza la piel cercana. Derecha: la zona cerrada, con líneas finas y puntos.',
      caption: 'Colgajo de piel: se quita la cicatriz y la piel cercana se desliza para cubrir la zona.',
    },
  },
  'scar-before-after.svg': {
    en: {
      alt: 'Two front views of a face. Left: a wide, raised scar across the cheek. Right: the same cheek with a thin, faint line.',
      caption: 'Drawing of a cheek scar before and after revision. Real results vary.',
    },
    es: {
      alt: 'Dos caras de frente. Izquierda: una cicatriz ancha y abultada en la mejilla. Derecha: la misma mejilla con una línea fina y tenue.',
      caption: 'Dibujo de una cicatriz en la mejilla antes y después de la corrección. Los resultados reales varían.',
    },
  },
  'necklift-incisions.svg': {
    en: {
      alt: 'Side view of a head. Dashed lines mark a cut that wraps around the earlobe and runs behind the ear into the hair, and a short cut under the chin.',
      caption: 'Common necklift incisions: behind the ear and under the chin.',
    },
    es: {
      alt: 'Cabeza de perfil. Líneas punteadas marcan un corte que rodea el lóbulo de la oreja y sigue detrás de ella hasta el cabello, y un corte corto debajo de la barbilla.',
      caption: 'Incisiones comunes del lifting de cuello: detrás de la oreja y debajo de la barbilla.',
    },
  },
  'necklift-before-after.svg': {
    en: {
      alt: 'Two side views of the lower face and neck. Left: a soft jawline, fullness under the chin and cord-like bands in the neck. Right: a sharper jawline and a smoother neck.',
      caption: 'Drawing of a neck before and after a necklift. Real results vary.',
    },
    es: {
      alt: 'Dos perfiles de la parte baja de la cara y el cuello. Izquierda: mandíbula poco definida, grasa debajo de la barbilla y bandas en el cuello. Derecha: mandíbula más marcada y cuello más liso.',
      caption: 'Dibujo de un cuello antes y después de un lifting de cuello. Los resultados reales varían.',
    },
  },
  'facelift-incisions.svg': {
    en: {
      alt: 'Side view of a head. A dashed line starts in the hair at the temple, runs down in front of the ear, wraps around the earlobe and ends in the hair behind the ear.',
      caption: 'A common facelift incision, along the ear and inside the hairline.',
    },
    es: {
      alt: 'Cabeza de perfil. Una línea punteada empieza en el cabello de la sien, baja por delante de la oreja, rodea el lóbulo y termina en el cabello detrás de la oreja.',
      caption: 'Un corte común de lifting facial, junto a la oreja y dentro de la línea del cabello.',
    },
  },
  'facelift-before-after.svg': {
    en: {
      alt: 'Two front views of a face. Left: sagging along the jaw and deep folds from the nose to the mouth and chin. Right: a smoother jawline and softer folds.',
      caption: 'Drawing of a face before and after a facelift. Real results vary.',
    },
    es: {
      alt: 'Dos caras de frente. Izquierda: flacidez a lo largo de la mandíbula y surcos marcados de la nariz a la boca y al mentón. Derecha: mandíbula más lisa y surcos más suaves.',
      caption: 'Dibujo de una cara antes y después de un lifting facial. Los resultados reales varían.',
    },
  },
  'eyelid-incisions.svg': {
    en: {
      alt: 'Close-up of an eye. A shaded strip of skin above the upper lid fold is outlined with dashes, and a dashed line runs just below the lower lashes.',
      caption: 'Eyelid surgery incisions: in the fold of the upper lid and just below the lower lashes.',
    },
    es: {
      alt: 'Primer plano de un ojo. Una franja de piel sobre el pliegue del párpado superior está marcada con línea punteada, y otra línea punteada pasa justo debajo de las pestañas inferiores.',
      caption: 'Cortes de la cirugía de párpados: en el pliegue del párpado superior y justo debajo de las pestañas inferiores.',
    },
  },
  'eyelid-before-after.svg': {
    en: {
      alt: 'Two drawings of an eye. Left: a fold of skin hangs over the upper lid and there are bags under the eye. Right: a clear upper lid fold and a smooth lower lid.',
      caption: 'Drawing of an eye before and after eyelid surgery. Real results vary.',
    },
    es: {
      alt: 'Dos dibujos de un ojo. Izquierda: un pliegue de piel cae sobre el párpado superior y hay bolsas debajo del ojo. Derecha: el pliegue del párpado superior se ve claro y el párpado inferior está liso.',
      caption: 'Dibujo de un ojo antes y después de la cirugía de párpados. Los resultados reales varían.',
    },
  },
} satisfies Record<string, FigureText>;

type FigureFile = keyof typeof FIGURE_TEXT;

const figure = (image: FigureFile, locale: Locale): SampleFigure => ({ image, ...FIGURE_TEXT[image][locale] });
const figures = (locale: Locale, ...images: FigureFile[]): SampleFigure[] => images.map((image) => figure(image, locale));

// ---------------------------------------------------------------------------------------------------------------
// Scar revision
// ---------------------------------------------------------------------------------------------------------------

const scarRevisionEn: SampleGuide = {
  slug: 'scar-revision',
  locale: 'en',
  category: 'skin',
  title: 'Scar revision',
  summary:
    'Scar revision can make a scar less easy to see or help it move better. Learn about scar types, treatment options, risks and recovery.',
  related: ['facelift'],
  sections: [
    {
      kind: 'overview',
      body: md(
        `A scar is how your body closes a wound. Most scars fade with time. Some stay thick, dark, tight or easy to see. Scar revision is a group of treatments that can make a scar less noticeable or help it move better.`,
        `No treatment can erase a scar. The goal is a scar that blends in more with the skin around it, or one that no longer pulls. Sometimes the old scar is traded for a new one that is thinner or in a better place.`,
        `Options range from creams, silicone sheets and shots to surgery. Some people need a mix of treatments over several months. Your surgeon will help you choose what fits your scar, your skin and your goals.`,
      ),
    },
    {
      kind: 'custom',
      heading: 'Keloid scars',
      body: md(
        `A keloid is a thick, raised scar that keeps growing past the edges of the first wound. It can itch, hurt or feel tender. Keloids show up most often on the earlobes, chest, shoulders and upper back. They can run in families and are more common in people with darker skin.`,
        `Keloids often come back after treatment. Many doctors start with steroid shots, silicone sheets or pressure. If the keloid is cut out, other care, such as shots, is usually added to lower the chance it grows back. Even then, it may return.`,
      ),
    },
    {
      kind: 'custom',
      heading: 'Hypertrophic scars',
      body: md(
        `A hypertrophic scar is also thick and raised, but it stays inside the edges of the first wound. It is often red or pink at first. Many of these scars flatten and fade on their own over a year or two.`,
        `Steroid shots and silicone sheets or gels can help them settle. If the scar is still a problem later, a surgeon may remove the extra scar tissue and close the skin again with care. Shots are sometimes given after surgery too.`,
      ),
    },
    {
      kind: 'custom',
      heading: 'Contractures',
      body: md(
        `A contracture happens when a scar shrinks as it heals and pulls the skin tight. It is common after burns. If it crosses a joint, like an elbow, a knee or the neck, it can make it hard to move.`,
        `Surgery releases the tight scar so the skin can stretch again. The surgeon may use a Z-plasty, a skin graft or a flap to add or shift skin. Some people need more than one surgery. Physical therapy after surgery is often part of the plan.`,
      ),
    },
    {
      kind: 'custom',
      heading: 'Facial scars',
      body: md(
        `Scars on the face are hard to hide, so even small changes can matter. A surgeon may move a scar so it lies in a natural crease or line of the face, where it is easier to miss. A long, straight scar may be turned into a zigzag line. This breaks it up so it catches less light.`,
        `Smoothing treatments, like dermabrasion or laser, can soften raised edges or uneven skin. Facial scars often need more than one step, with months in between.`,
      ),
    },
    {
      kind: 'candidates',
      body: md(
        `You may be a good candidate for scar revision if:`,
        list(
          `Your scar bothers you because of how it looks, or because it pulls, itches or limits movement`,
          `Your scar has had time to heal and settle. Many surgeons like to wait a year or more.`,
          `You are in good health, with no skin infection or rash in the area`,
          `You do not smoke, or you are willing to stop before and after treatment`,
          `You understand that the scar can be improved but not removed`,
        ),
        `Some scars, like contractures that limit movement, may be treated sooner. Your surgeon will tell you when the timing is right.`,
      ),
    },
    {
      kind: 'risks',
      body: md(
        `Every surgery has risks, and scar revision is no different. Your surgeon will go over them with you. They include:`,
        list(
          `Bleeding, infection or a wound that opens`,
          `A new scar that is wider, thicker or darker than hoped`,
          `A keloid or thick scar that comes back`,
          `Changes in skin color, or numbness near the scar`,
          `Problems where a skin graft was taken`,
          `Risks from anesthesia`,
          `The need for more treatment`,
        ),
        `Smoking, some health problems and some medicines raise the chance of poor healing. How your body scars is partly out of anyone's control. Ask your surgeon how likely each risk is for you.`,
      ),
    },
    {
      kind: 'planning',
      body: md(
        `It starts with a consultation. Your surgeon will look at your scar and ask how it formed, how old it is and what you have tried. Bring a list of your medicines, vitamins and herbal products. Tell your surgeon if you smoke or vape, or if you have had trouble healing before.`,
        `Be open about what bothers you most. Is it the color, the size, the shape, or the way it pulls? Your answer helps your surgeon choose the right treatment. Photos may be taken for your record.`,
        `Ask about cost. Insurance may help pay when a scar limits how your body works. It usually does not pay when the only goal is how the scar looks.`,
      ),
    },
    {
      kind: 'preparing',
      body: md(
        `Your surgeon will give you written steps to follow. They may include:`,
        list(
          `Stop smoking for several weeks before and after surgery`,
          `Stop or change some medicines, such as aspirin and some pain relievers, but only as your surgeon tells you`,
          `Get lab tests if needed`,
          `Plan a ride home, and someone to stay with you the first night if you will have sedation or general anesthesia`,
          `Follow the rules about when to stop eating and drinking`,
        ),
        `If you get a cold, a fever or a skin infection near the scar before surgery, call the office.`,
      ),
    },
    {
      kind: 'facility',
      body: md(
        `Scar revision may be done in an office surgery room, an outpatient surgery center or a hospital. Most people go home the same day. Larger repairs, such as big skin grafts or flaps, may need a hospital stay.`,
        `Ask where your surgery will take place and whether the facility is accredited. That means an outside group has checked its safety standards.`,
      ),
    },
    {
      kind: 'anesthesia',
      body: md(
        `For a small scar, a numbing shot (local anesthesia) may be all you need. You stay awake, but you should not feel pain in the area.`,
        `For larger scars, you may also get medicine to help you relax (sedation). Some repairs are done under general anesthesia, so you are fully asleep. Your surgeon and anesthesia provider will choose what is safest for you.`,
      ),
    },
    {
      kind: 'procedure',
      body: md(
        `The plan depends on your scar. Often the surgeon cuts out the old scar and closes the skin again in careful layers, with fine stitches. Other times, one or more of these methods is used:`,
        list(
          `**Z-plasty.** The surgeon makes a Z-shaped cut along the scar and swaps two small triangles of skin. This can turn the scar so it lies along a natural skin line. It can also loosen a scar that pulls tight. The new scar has a zigzag shape.`,
          `**Skin grafts and flaps.** A graft is a thin piece of healthy skin taken from another part of the body and placed where the scar was. A flap is nearby skin that is moved over but stays attached to its own blood supply. Both are used when there is not enough skin to close the area. The place the skin came from also heals with a scar.`,
          `**Dermabrasion.** A special tool gently removes the top layers of skin. New skin grows in and can look smoother. The area stays pink for a while.`,
          `**Steroid injections.** Medicine is injected into a thick or raised scar to help it flatten and itch less. It often takes several visits, a few weeks apart. Steroids can thin the skin or lighten its color.`,
        ),
        `A small revision may take less than an hour. A large one can take several hours, and some are done in stages.`,
      ),
      figures: figures('en', 'scar-z-plasty.svg', 'scar-flap.svg'),
    },
    {
      kind: 'recovery',
      body: md(
        `Right after surgery, the area will be covered with a bandage. Some swelling, bruising, redness and soreness are normal. Your surgeon will tell you how to clean the wound and what to take for pain.`,
        `Stitches on the face usually come out in about a week. Stitches in other areas may stay in longer. After dermabrasion, the skin looks and feels like a scrape for a week or so.`,
        `Call your surgeon right away if you have a fever, redness that spreads, pus, bleeding that does not stop, or pain that gets worse instead of better.`,
      ),
    },
    {
      kind: 'back-to-normal',
      body: md(
        `Many people go back to work or school within a few days to two weeks. It depends on where the scar is and how much was done.`,
        `Avoid hard exercise and anything that stretches the healing scar for a few weeks, or as long as your surgeon says. If a contracture was released, you may need physical therapy or a splint.`,
        `Protect the scar from the sun for at least a year. Use sunscreen or cover it. Sun can make a new scar darker, and that may not fade. Ask your surgeon when you can use makeup on the area.`,
      ),
    },
    {
      kind: 'results',
      body: md(
        `A revised scar keeps changing for a long time. At first it may look red, raised or even worse than before. Over the next year or more, it usually gets flatter, softer and lighter.`,
        `The scar will not disappear. Results vary from person to person, and some people need more than one treatment. Keloids in particular can come back.`,
        `The best way to learn what is possible for your scar is to talk with a board-certified plastic surgeon. Ask to see examples, ask about risks, and take your time to decide.`,
      ),
      figures: figures('en', 'scar-before-after.svg'),
    },
  ],
};

const scarRevisionEs: SampleGuide = {
  slug: 'scar-revision',
  locale: 'es',
  category: 'skin',
  title: 'Corrección de cicatrices',
  summary:
    'La corrección de cicatrices puede hacer que una cicatriz se note menos o que se mueva mejor. Conozca los tipos de cicatriz, los tratamientos, los riesgos y la recuperación.',
  related: ['facelift'],
  sections: [
    {
      kind: 'overview',
      body: md(
        `Una cicatriz es la forma en que el cuerpo cierra una herida. Casi todas se aclaran con el tiempo. Otras quedan gruesas, oscuras, tirantes o muy visibles. La corrección de cicatrices reúne varios tratamientos que pueden hacer que una cicatriz se note menos o que deje de limitar el movimiento.`,
        `Ningún tratamiento borra una cicatriz. La meta es que se confunda mejor con la piel de alrededor, o que ya no tire. A veces se cambia la cicatriz vieja por una nueva, más fina o mejor ubicada.`,
        `Las opciones van desde cremas, láminas de silicona e inyecciones hasta la cirugía. Algunas personas necesitan combinar tratamientos durante varios meses. Su cirujano le ayudará a elegir lo que conviene según su cicatriz, su piel y lo que usted busca.`,
      ),
    },
    {
      kind: 'custom',
      heading: 'Cicatrices queloides',
      body: md(
        `Un queloide es una cicatriz gruesa y abultada que sigue creciendo más allá del borde de la herida original. Puede dar picazón, doler o ser sensible al tacto. Aparece más en los lóbulos de las orejas, el pecho, los hombros y la parte alta de la espalda. Es más común en algunas familias y en personas de piel oscura.`,
        `Los queloides suelen volver después del tratamiento. Muchas veces se empieza con inyecciones de corticoides, láminas de silicona o presión. Si se quita con cirugía, casi siempre se suma otro tratamiento, como las inyecciones, para bajar la probabilidad de que regrese. Aun así, puede volver.`,
      ),
    },
    {
      kind: 'custom',
      heading: 'Cicatrices hipertróficas',
      body: md(
        `Una cicatriz hipertrófica también es gruesa y abultada, pero no pasa del borde de la herida original. Al principio suele verse roja o rosada. Muchas se aplanan y se aclaran solas en uno o dos años.`,
        `Las inyecciones de corticoides y las láminas o geles de silicona pueden ayudar. Si más adelante la cicatriz sigue molestando, el cirujano puede quitar el tejido de sobra y volver a cerrar la piel con cuidado. A veces también se ponen inyecciones después de la cirugía.`,
      ),
    },
    {
      kind: 'custom',
      heading: 'Contracturas',
      body: md(
        `Una contractura se forma cuando la cicatriz se encoge al sanar y deja la piel tirante. Es común después de una quemadura. Si pasa por una articulación, como el codo, la rodilla o el cuello, puede hacer difícil moverse.`,
        `La cirugía libera la cicatriz para que la piel pueda estirarse otra vez. El cirujano puede usar una zetaplastia, un injerto o un colgajo para sumar o mover piel. Algunas personas necesitan más de una operación. La terapia física después de la cirugía suele ser parte del plan.`,
      ),
    },
    {
      kind: 'custom',
      heading: 'Cicatrices en la cara',
      body: md(
        `Las cicatrices de la cara son difíciles de ocultar, así que incluso un cambio pequeño puede importar. El cirujano puede mover la cicatriz para que quede en una arruga o línea natural del rostro, donde se nota menos. Una cicatriz larga y recta puede convertirse en una línea en zigzag. Así se divide y refleja menos la luz.`,
        `Los tratamientos que alisan la piel, como la dermoabrasión o el láser, pueden suavizar bordes abultados o piel dispareja. Muchas veces hace falta más de una etapa, con meses entre una y otra.`,
      ),
    },
    {
      kind: 'candidates',
      body: md(
        `Usted podría ser buen candidato si:`,
        list(
          `Su cicatriz le molesta por cómo se ve, o porque tira, pica o limita el movimiento`,
          `La cicatriz ya tuvo tiempo de sanar y asentarse. Muchos cirujanos prefieren esperar un año o más.`,
          `Tiene buena salud y no tiene infección ni irritación de la piel en esa zona`,
          `No fuma, o está dispuesto a dejarlo antes y después del tratamiento`,
          `Entiende que la cicatriz puede mejorar, pero no desaparecer`,
        ),
        `Algunas cicatrices, como las contracturas que limitan el movimiento, pueden tratarse antes. Su cirujano le dirá cuál es el mejor momento.`,
      ),
    },
    {
      kind: 'risks',
      body: md(
        `Toda cirugía tiene riesgos, y esta también. Su cirujano los revisará con usted. Entre ellos están:`,
        list(
          `Sangrado, infección o que la herida se abra`,
          `Una cicatriz nueva más ancha, gruesa u oscura de lo esperado`,
          `Que el queloide o la cicatriz gruesa vuelva a aparecer`,
          `Cambios en el color de la piel o falta de sensibilidad cerca de la cicatriz`,
          `Problemas en la zona de donde se tomó un injerto de piel`,
          `Riesgos de la anestesia`,
          `Necesitar más tratamientos`,
        ),
        `Fumar, algunas enfermedades y algunos medicamentos aumentan la probabilidad de que la herida sane mal. La forma en que cada cuerpo cicatriza no depende del todo de nadie. Pregúntele a su cirujano qué tan probable es cada riesgo en su caso.`,
      ),
    },
    {
      kind: 'planning',
      body: md(
        `Todo empieza con una consulta. Su cirujano revisará la cicatriz y le preguntará cómo se formó, cuánto tiempo tiene y qué ha probado. Lleve una lista de sus medicamentos, vitaminas y productos naturales. Avise si fuma o usa vapeador, o si ha tenido problemas para cicatrizar.`,
        `Diga con claridad qué es lo que más le molesta: el color, el tamaño, la forma o que le tire la piel. Su respuesta ayuda a elegir el tratamiento. Es posible que le tomen fotos para su expediente.`,
        `Pregunte por el costo. El seguro a veces ayuda a pagar cuando la cicatriz afecta el funcionamiento del cuerpo. Por lo general no paga cuando el fin es solo estético.`,
      ),
    },
    {
      kind: 'preparing',
      body: md(
        `Su cirujano le dará instrucciones por escrito. Pueden incluir:`,
        list(
          `Dejar de fumar varias semanas antes y después de la cirugía`,
          `Suspender o cambiar algunos medicamentos, como la aspirina y ciertos analgésicos, solo si su cirujano se lo indica`,
          `Hacerse análisis si hacen falta`,
          `Conseguir quien lo lleve a casa y lo acompañe la primera noche si va a recibir sedación o anestesia general`,
          `Seguir las indicaciones sobre cuándo dejar de comer y beber`,
        ),
        `Si antes de la cirugía tiene gripe, fiebre o una infección en la piel cerca de la cicatriz, llame al consultorio.`,
      ),
    },
    {
      kind: 'facility',
      body: md(
        `La corrección de cicatrices puede hacerse en una sala de cirugía del consultorio, en un centro de cirugía ambulatoria o en un hospital. La mayoría de las personas vuelve a casa el mismo día. Las reparaciones grandes, como injertos o colgajos extensos, pueden requerir quedarse en el hospital.`,
        `Pregunte dónde será su cirugía y si el lugar está acreditado. Eso quiere decir que un organismo externo revisó sus normas de seguridad.`,
      ),
    },
    {
      kind: 'anesthesia',
      body: md(
        `Para una cicatriz pequeña, a veces basta con una inyección que adormece la zona (anestesia local). Usted está despierto, pero no debería sentir dolor en esa parte.`,
        `Para cicatrices más grandes, se puede sumar un medicamento que lo relaja (sedación). Algunas reparaciones se hacen con anestesia general, es decir, completamente dormido. Su cirujano y el profesional de anestesia elegirán lo más seguro para usted.`,
      ),
    },
    {
      kind: 'procedure',
      body: md(
        `El plan depende de su cicatriz. Muchas veces el cirujano quita la cicatriz vieja y vuelve a cerrar la piel por capas, con puntos muy finos. Otras veces usa una o más de estas técnicas:`,
        list(
          `**Zetaplastia (plastia en Z).** Se hace un corte en forma de Z a lo largo de la cicatriz y se intercambian dos pequeños triángulos de piel. Así la cicatriz puede quedar sobre una línea natural de la piel. También puede aflojar una cicatriz que tira. La nueva cicatriz queda en zigzag.`,
          `**Injertos y colgajos.** Un injerto es un trozo delgado de piel sana que se toma de otra parte del cuerpo y se coloca donde estaba la cicatriz. Un colgajo es piel cercana que se desliza o se gira sin separarla de su propia circulación. Se usan cuando no hay suficiente piel para cerrar. La zona de donde sale la piel también queda con una cicatriz.`,
          `**Dermoabrasión.** Con un instrumento especial se quitan con cuidado las capas de arriba de la piel. Crece piel nueva, que puede verse más lisa. La zona queda rosada por un tiempo.`,
          `**Inyecciones de corticoides.** Se inyecta un medicamento dentro de una cicatriz gruesa o abultada para que se aplane y pique menos. Suelen hacer falta varias sesiones, con unas semanas entre una y otra. Los corticoides pueden adelgazar la piel o aclarar su color.`,
        ),
        `Una corrección pequeña puede tomar menos de una hora. Una grande puede durar varias horas, y algunas se hacen por etapas.`,
      ),
      figures: figures('es', 'scar-z-plasty.svg', 'scar-flap.svg'),
    },
    {
      kind: 'recovery',
      body: md(
        `Al terminar, la zona quedará cubierta con un vendaje. Es normal tener algo de hinchazón, moretones, enrojecimiento y dolor. Su cirujano le explicará cómo limpiar la herida y qué tomar para el dolor.`,
        `Los puntos de la cara suelen quitarse en más o menos una semana. En otras partes del cuerpo pueden quedarse más tiempo. Después de una dermoabrasión, la piel se ve y se siente como un raspón durante una semana o algo más.`,
        `Llame a su cirujano de inmediato si tiene fiebre, enrojecimiento que se extiende, pus, sangrado que no para o dolor que empeora en lugar de mejorar.`,
      ),
    },
    {
      kind: 'back-to-normal',
      body: md(
        `Muchas personas vuelven al trabajo o a clases entre unos días y dos semanas después. Depende de dónde esté la cicatriz y de cuánto se hizo.`,
        `Evite el ejercicio fuerte y todo lo que estire la cicatriz durante unas semanas, o el tiempo que le indique su cirujano. Si le liberaron una contractura, tal vez necesite terapia física o una férula.`,
        `Proteja la cicatriz del sol durante al menos un año, con protector solar o cubriéndola. El sol puede oscurecer una cicatriz nueva, y esa mancha puede no irse. Pregunte cuándo puede usar maquillaje en la zona.`,
      ),
    },
    {
      kind: 'results',
      body: md(
        `Una cicatriz corregida sigue cambiando por mucho tiempo. Al principio puede verse roja, abultada o incluso peor que antes. Durante el año siguiente, o más, suele volverse más plana, más suave y más clara.`,
        `La cicatriz no va a desaparecer. Los resultados varían de una persona a otra, y algunas necesitan más de un tratamiento. Los queloides, en especial, pueden regresar.`,
        `La mejor manera de saber qué se puede lograr con su cicatriz es hablar con un cirujano plástico certificado. Pida ver ejemplos, pregunte por los riesgos y tómese su tiempo para decidir.`,
      ),
      figures: figures('es', 'scar-before-after.svg'),
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Necklift
// ---------------------------------------------------------------------------------------------------------------

const neckliftEn: SampleGuide = {
  slug: 'necklift',
  locale: 'en',
  category: 'neck',
  title: 'Necklift',
  summary:
    'A necklift can smooth loose neck skin, remove fat under the chin and tighten neck bands. Learn who it may help, the risks and what recovery is like.',
  related: ['facelift'],
  sections: [
    {
      kind: 'overview',
      body: md(
        `A necklift improves the shape of the neck and jawline. With age, weight changes and genes, the skin of the neck can get loose. Fat can collect under the chin. The neck muscles can form bands that look like cords.`,
        `A necklift can remove or reshape that fat, tighten the muscles and lift loose skin. It can be done alone or with a facelift. Some younger people with firm skin only need liposuction under the chin.`,
        `A necklift does not stop aging, and it does not change the quality of your skin. It can give a smoother, firmer neck for a number of years.`,
      ),
    },
    {
      kind: 'candidates',
      body: md(
        `You may be a good candidate if you:`,
        list(
          `Have loose skin, muscle bands or extra fat in the neck or under the chin`,
          `Are in good health and at a stable weight`,
          `Do not smoke, or will stop well before and after surgery`,
          `Have clear, realistic goals`,
        ),
        `High blood pressure, bleeding problems, diabetes and some other conditions can raise the risks. They do not always rule out surgery, but they must be well controlled. Tell your surgeon about all of them.`,
      ),
    },
    {
      kind: 'risks',
      body: md(
        `Possible risks of a necklift include:`,
        list(
          `Bleeding under the skin (hematoma), which may need another operation`,
          `Infection and slow healing`,
          `Numb skin on the neck and ears, which can last for months`,
          `Injury to nerves that move the lips or face. This is uncommon and often gets better, but it can be permanent.`,
          `Scars that are wide or easy to see`,
          `Uneven results, bumps in the skin, or loose skin that comes back`,
          `Hair loss near the cuts`,
          `Risks from anesthesia, including blood clots`,
        ),
        `Smoking greatly raises the risk of skin damage and poor healing. High blood pressure raises the risk of bleeding. Your surgeon will talk with you about the risks that apply to you.`,
      ),
    },
    {
      kind: 'planning',
      body: md(
        `At your consultation, your surgeon will look at your skin, the fat under your chin, your neck muscles and your jawline. The shape of your chin matters too. In some people, a small chin makes the neck look fuller.`,
        `Your surgeon will ask about your health, past surgeries, medicines, supplements and smoking. Photos may be taken. You will talk about your goals, which approach fits you, where the scars will be and the total cost.`,
        `Ask questions. How often does the surgeon do this surgery? What will recovery be like? What happens if you are not happy with the result?`,
      ),
    },
    {
      kind: 'preparing',
      body: md(
        `Before surgery, you may be asked to:`,
        list(
          `Get lab tests or a medical check`,
          `Stop smoking and all nicotine for several weeks before and after surgery`,
          `Avoid aspirin, some pain relievers and some supplements that can raise bleeding, as your surgeon directs`,
          `Wash your hair the night before or the morning of surgery`,
          `Set up a quiet place to rest, with extra pillows to keep your head up`,
        ),
        `Plan for someone to drive you home and stay with you for at least the first night.`,
      ),
    },
    {
      kind: 'facility',
      body: md(
        `A necklift may be done in a surgery suite in the office, at a surgery center or in a hospital. Ask if the place is accredited. That means an outside group has checked its safety.`,
        `Most people go home the same day. Some stay one night, most often when the necklift is done along with other surgery.`,
      ),
    },
    {
      kind: 'anesthesia',
      body: md(
        `Most often, you are fully asleep for a necklift. This is called general anesthesia. Some surgeons use numbing medicine and sedation instead. Then you are relaxed and drowsy, but not fully asleep.`,
        `A trained anesthesia provider checks your breathing, heart rate and blood pressure the whole time.`,
      ),
    },
    {
      kind: 'procedure',
      body: md(
        `The surgeon places the cuts (incisions) where they are easier to hide. A common plan uses a short cut under the chin, plus cuts around the earlobe and behind the ear, into the hairline.`,
        `Through these cuts, the surgeon may:`,
        list(
          `Remove extra fat, often with liposuction`,
          `Stitch the neck muscles together to smooth out bands`,
          `Lift the skin, trim the extra, and close it with fine stitches`,
        ),
        `A thin tube (drain) may be left in for a day or two to remove fluid. The neck is then wrapped in a soft bandage. Surgery often takes two to three hours. It takes longer when done with a facelift.`,
      ),
      figures: figures('en', 'necklift-incisions.svg'),
    },
    {
      kind: 'recovery',
      body: md(
        `Expect swelling, bruising and a tight feeling in your neck for the first couple of weeks. Your skin may feel numb. Pain is usually mild to moderate and can be eased with medicine.`,
        `Keep your head raised, even when you sleep. Try not to bend your neck forward a lot. You may need to wear a snug wrap for a while. Drains, if used, usually come out in a day or two. Stitches come out in about a week.`,
        `Call your surgeon right away if one side of your neck swells fast, if you have trouble breathing, or if you have a fever or growing pain.`,
      ),
    },
    {
      kind: 'back-to-normal',
      body: md(
        `Most people return to desk work in about 10 to 14 days. Light walking is good from the first day. Wait three to four weeks, or as long as your surgeon says, before hard exercise or heavy lifting.`,
        `Bruising usually fades in two to three weeks. Some swelling and numbness can last for several months. Keep your scars out of the sun and use sunscreen.`,
      ),
    },
    {
      kind: 'results',
      body: md(
        `You will see a change soon, but your final result takes time. Swelling settles over a few months, and scars keep fading for a year or more. Most scars are hidden in the hair and in the natural folds around the ear.`,
        `Your neck will keep aging. A stable weight, sun protection and not smoking help the result last. Results are different for everyone, and no surgeon can promise a certain look.`,
        `To find out what a necklift could do for you, schedule a consultation with a board-certified plastic surgeon.`,
      ),
      figures: figures('en', 'necklift-before-after.svg'),
    },
  ],
};

const neckliftEs: SampleGuide = {
  slug: 'necklift',
  locale: 'es',
  category: 'neck',
  title: 'Lifting de cuello',
  summary:
    'El lifting de cuello puede alisar la piel floja, quitar grasa debajo de la barbilla y tensar las bandas del cuello. Conozca a quién puede ayudar, sus riesgos y la recuperación.',
  related: ['facelift'],
  sections: [
    {
      kind: 'overview',
      body: md(
        `El lifting de cuello mejora la forma del cuello y de la línea de la mandíbula. Con la edad, los cambios de peso y la herencia, la piel del cuello puede aflojarse. Se puede acumular grasa debajo de la barbilla, y los músculos del cuello pueden formar bandas que parecen cuerdas.`,
        `Esta cirugía puede quitar o reacomodar esa grasa, tensar los músculos y levantar la piel floja. Se puede hacer sola o junto con un lifting facial. Algunas personas jóvenes con piel firme solo necesitan una liposucción debajo de la barbilla.`,
        `El lifting de cuello no detiene el envejecimiento ni cambia la calidad de la piel. Sí puede dar un cuello más liso y firme por varios años.`,
      ),
    },
    {
      kind: 'candidates',
      body: md(
        `Usted podría ser buen candidato si:`,
        list(
          `Tiene piel floja, bandas musculares o grasa de más en el cuello o debajo de la barbilla`,
          `Tiene buena salud y un peso estable`,
          `No fuma, o va a dejarlo con tiempo antes y después de la cirugía`,
          `Tiene metas claras y realistas`,
        ),
        `La presión alta, los problemas de coagulación, la diabetes y otras enfermedades pueden aumentar los riesgos. No siempre impiden la cirugía, pero deben estar bien controladas. Cuéntele a su cirujano sobre todas.`,
      ),
    },
    {
      kind: 'risks',
      body: md(
        `Entre los posibles riesgos del lifting de cuello están:`,
        list(
          `Sangrado debajo de la piel (hematoma), que puede requerir otra operación`,
          `Infección y heridas que tardan en sanar`,
          `Falta de sensibilidad en la piel del cuello y las orejas, que puede durar meses`,
          `Lesión de los nervios que mueven los labios o la cara. No es frecuente y suele mejorar, pero puede ser permanente.`,
          `Cicatrices anchas o muy visibles`,
          `Resultados disparejos, irregularidades en la piel o piel floja que vuelve`,
          `Pérdida de cabello cerca de los cortes`,
          `Riesgos de la anestesia, incluidos los coágulos de sangre`,
        ),
        `Fumar aumenta mucho el riesgo de daño en la piel y de mala cicatrización. La presión alta aumenta el riesgo de sangrado. Su cirujano le explicará qué riesgos aplican en su caso.`,
      ),
    },
    {
      kind: 'planning',
      body: md(
        `En la consulta, su cirujano revisará su piel, la grasa debajo de la barbilla, los músculos del cuello y la línea de la mandíbula. La forma del mentón también cuenta: en algunas personas, un mentón pequeño hace que el cuello se vea más lleno.`,
        `Le preguntará por su salud, cirugías anteriores, medicamentos, suplementos y si fuma. Es posible que le tomen fotos. Hablarán de lo que usted busca, de la técnica que más le conviene, de dónde quedarán las cicatrices y del costo total.`,
        `Haga preguntas. ¿Con qué frecuencia hace el cirujano esta operación? ¿Cómo será la recuperación? ¿Qué pasa si el resultado no le gusta?`,
      ),
    },
    {
      kind: 'preparing',
      body: md(
        `Antes de la cirugía, quizá le pidan:`,
        list(
          `Hacerse análisis o un chequeo médico`,
          `Dejar de fumar y de usar nicotina varias semanas antes y después de la cirugía`,
          `Evitar la aspirina, ciertos analgésicos y algunos suplementos que aumentan el sangrado, según le indique su cirujano`,
          `Lavarse el cabello la noche anterior o la mañana de la cirugía`,
          `Preparar un lugar tranquilo para descansar, con almohadas extra para mantener la cabeza elevada`,
        ),
        `Organícese para que alguien lo lleve a casa y se quede con usted al menos la primera noche.`,
      ),
    },
    {
      kind: 'facility',
      body: md(
        `El lifting de cuello puede hacerse en una sala de cirugía del consultorio, en un centro quirúrgico o en un hospital. Pregunte si el lugar está acreditado. Eso quiere decir que un organismo externo revisó su seguridad.`,
        `La mayoría de las personas vuelve a casa el mismo día. Algunas pasan una noche, sobre todo si se combina con otra cirugía.`,
      ),
    },
    {
      kind: 'anesthesia',
      body: md(
        `Por lo general, usted estará completamente dormido. Esto se llama anestesia general. Algunos cirujanos usan anestesia local con sedación. Así usted está relajado y con sueño, pero no del todo dormido.`,
        `Un profesional de anestesia capacitado vigila su respiración, su ritmo cardíaco y su presión durante toda la cirugía.`,
      ),
    },
    {
      kind: 'procedure',
      body: md(
        `El cirujano hace los cortes (incisiones) donde se pueden disimular mejor. Un plan común usa un corte corto debajo de la barbilla y otros alrededor del lóbulo de la oreja y detrás de ella, hasta el nacimiento del cabello.`,
        `A través de estos cortes, el cirujano puede:`,
        list(
          `Quitar grasa de más, muchas veces con liposucción`,
          `Unir con puntos los músculos del cuello para suavizar las bandas`,
          `Levantar la piel, recortar la que sobra y cerrar con puntos finos`,
        ),
        `A veces se deja un tubo delgado (drenaje) por uno o dos días para sacar líquido. Luego se envuelve el cuello con un vendaje suave. La cirugía suele durar de dos a tres horas, y más si se hace junto con un lifting facial.`,
      ),
      figures: figures('es', 'necklift-incisions.svg'),
    },
    {
      kind: 'recovery',
      body: md(
        `Espere hinchazón, moretones y una sensación de tirantez en el cuello durante las primeras dos semanas. La piel puede sentirse adormecida. El dolor suele ser de leve a moderado y se controla con medicamentos.`,
        `Mantenga la cabeza elevada, incluso al dormir. Evite doblar mucho el cuello hacia adelante. Es posible que deba usar un vendaje de compresión por un tiempo. Los drenajes, si los hay, suelen retirarse en uno o dos días. Los puntos se quitan en más o menos una semana.`,
        `Llame a su cirujano de inmediato si un lado del cuello se hincha rápido, si le cuesta respirar, o si tiene fiebre o un dolor que aumenta.`,
      ),
    },
    {
      kind: 'back-to-normal',
      body: md(
        `La mayoría de las personas vuelve a un trabajo de oficina en unos 10 a 14 días. Caminar suavemente es bueno desde el primer día. Espere de tres a cuatro semanas, o lo que le diga su cirujano, antes de hacer ejercicio fuerte o levantar cosas pesadas.`,
        `Los moretones suelen irse en dos o tres semanas. Algo de hinchazón y de adormecimiento puede durar varios meses. Proteja sus cicatrices del sol y use protector solar.`,
      ),
    },
    {
      kind: 'results',
      body: md(
        `Notará un cambio pronto, pero el resultado final toma tiempo. La hinchazón baja en unos meses, y las cicatrices siguen aclarándose durante un año o más. La mayoría quedan ocultas en el cabello y en los pliegues naturales alrededor de la oreja.`,
        `Su cuello seguirá envejeciendo. Mantener un peso estable, cuidarse del sol y no fumar ayudan a que el resultado dure. Cada persona es distinta, y ningún cirujano puede prometerle un aspecto exacto.`,
        `Para saber qué podría lograr un lifting de cuello en su caso, pida una consulta con un cirujano plástico certificado.`,
      ),
      figures: figures('es', 'necklift-before-after.svg'),
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Facelift
// ---------------------------------------------------------------------------------------------------------------

const faceliftEn: SampleGuide = {
  slug: 'facelift',
  locale: 'en',
  category: 'face',
  title: 'Facelift',
  summary:
    'A facelift can lift sagging in the lower face and along the jawline. Learn how it is done, the risks, and what to expect as you heal.',
  related: ['necklift', 'eyelid-surgery'],
  sections: [
    {
      kind: 'overview',
      body: md(
        `A facelift improves signs of aging in the lower face and jawline. Over time, skin loosens, fat slides down and the deeper tissues sag. This can cause jowls along the jaw and deep folds from the nose to the corners of the mouth.`,
        `In a facelift, the surgeon lifts the deeper layer of the face, removes extra skin and smooths what is left. It is often done with a necklift. Some people also choose eyelid or brow surgery at the same time.`,
        `A facelift does not change fine wrinkles, sun spots or skin texture. Skin care, peels or lasers can help with those. A facelift also does not stop aging.`,
      ),
    },
    {
      kind: 'candidates',
      body: md(
        `You may be a good candidate if you:`,
        list(
          `Have sagging in the cheeks, jowls, or loose skin along the jaw`,
          `Still have some stretch in your skin`,
          `Are healthy, and any health problems are under control`,
          `Do not smoke, or will stop well before and after surgery`,
          `Want to look refreshed, not like a different person`,
        ),
        `Most people who have a facelift are in their 40s to 70s. Age alone does not decide it.`,
      ),
    },
    {
      kind: 'risks',
      body: md(
        `Possible risks of a facelift include:`,
        list(
          `Bleeding under the skin (hematoma). This is the most common problem and may mean a return to surgery.`,
          `Numbness in the cheeks and ears, which often lasts for months`,
          `Injury to a facial nerve, causing weakness in part of the face. This is rare and often gets better with time, but it can be permanent.`,
          `Scars that widen or are easy to see`,
          `Hair loss near the cuts, or a change in the hairline`,
          `Skin loss or slow healing, mostly in people who smoke`,
          `Uneven results or a change in the shape of the earlobe`,
          `Infection, blood clots and risks from anesthesia`,
        ),
        `You may also be unhappy with the result, and a second surgery may be needed. Your surgeon should explain each risk and how often it happens.`,
      ),
    },
    {
      kind: 'planning',
      body: md(
        `At your consultation, your surgeon will study your face from the front and the side. Your skin, bone structure, hairline and the areas that bother you will guide the plan. You may talk about adding a necklift, eyelid surgery or other treatments.`,
        `Be ready to talk about your health, past surgeries, medicines, supplements, smoking and alcohol. Your blood pressure will be checked. Photos will be taken for your record.`,
        `Ask what type of facelift is suggested for you, where the scars will be, what recovery will be like, and the full cost.`,
      ),
    },
    {
      kind: 'preparing',
      body: md(
        `Before surgery, you may need to:`,
        list(
          `Have lab tests or a check-up with your regular doctor`,
          `Stop smoking and all nicotine for several weeks before and after surgery`,
          `Stop certain medicines and supplements that raise bleeding, only as your surgeon says`,
          `Keep your blood pressure well controlled`,
          `Set up a place to rest with your head raised, and have shirts that button up the front`,
        ),
        `Arrange a ride home and a responsible adult to stay with you for at least the first night.`,
      ),
    },
    {
      kind: 'facility',
      body: md(
        `A facelift may be done in a surgery suite in the office, at a surgery center or in a hospital. The place should be accredited. That means an outside group has checked its safety.`,
        `Many people go home the same day. Others stay one night so the care team can keep a close eye on them, most often after a longer surgery.`,
      ),
    },
    {
      kind: 'anesthesia',
      body: md(
        `Most facelifts are done while you are fully asleep (general anesthesia). Some are done with numbing medicine and sedation, so you are relaxed but not fully asleep.`,
        `Before surgery, your anesthesia provider will go over your health with you. During surgery, they will watch you closely.`,
      ),
    },
    {
      kind: 'procedure',
      body: md(
        `A common facelift cut starts in the hair at the temple. It runs down in front of the ear, wraps around the earlobe and ends behind the ear, in the hairline. A small cut under the chin may be added to treat the neck.`,
        `Through these cuts, the surgeon lifts and tightens the deeper tissue of the face. Fat may be removed, moved or added. The skin is then laid back over the new shape. The extra is trimmed, and the cuts are closed with fine stitches or staples.`,
        `People with less sagging can sometimes have a shorter cut. Surgery usually takes a few hours. A soft bandage, and sometimes small drains, are put in place at the end.`,
      ),
      figures: figures('en', 'facelift-incisions.svg'),
    },
    {
      kind: 'recovery',
      body: md(
        `Swelling and bruising are normal and are often worst in the first two or three days. Your face may feel tight, numb or lumpy for a while. Pain medicine can help you stay comfortable.`,
        `Keep your head raised and rest. Avoid hot showers and a hot hair dryer until your surgeon says it is OK. Drains are usually removed in a day or two. Stitches come out in one to two weeks.`,
        `Call your surgeon right away if one side of your face swells fast, if pain suddenly gets worse, or if you have a fever or trouble breathing.`,
      ),
    },
    {
      kind: 'back-to-normal',
      body: md(
        `Most people feel ready to be seen in public after about two weeks. Many return to work in two to three weeks. Light walking is good from the first days. Wait three to four weeks, or as long as your surgeon says, before hard exercise.`,
        `Makeup can often cover bruises once the cuts have closed. Wait to color your hair until your surgeon says it is safe. Numbness and tightness can take months to fade. Wear sunscreen every day.`,
      ),
    },
    {
      kind: 'results',
      body: md(
        `Your face will look swollen at first, so the full result takes time. Most swelling goes down over a few months. Scars fade over a year or more. They are usually hidden in the hair and in the natural lines around the ear.`,
        `A facelift can help you look fresher, but your face will keep aging. For many people the result lasts years, but no one can promise how long. Healthy habits and sun protection help.`,
        `If you are thinking about a facelift, talk with a board-certified plastic surgeon about your goals and whether it is right for you.`,
      ),
      figures: figures('en', 'facelift-before-after.svg'),
    },
  ],
};

const faceliftEs: SampleGuide = {
  slug: 'facelift',
  locale: 'es',
  category: 'face',
  title: 'Lifting facial',
  summary:
    'El lifting facial puede levantar la flacidez de la parte baja de la cara y de la mandíbula. Conozca cómo se hace, sus riesgos y qué esperar durante la recuperación.',
  related: ['necklift', 'eyelid-surgery'],
  sections: [
    {
      kind: 'overview',
      body: md(
        `El lifting facial mejora los signos de la edad en la parte baja de la cara y en la línea de la mandíbula. Con los años, la piel se afloja, la grasa baja y los tejidos profundos se caen. Así aparece flacidez junto a la mandíbula y surcos marcados que van de la nariz a las comisuras de la boca.`,
        `En un lifting facial, el cirujano levanta la capa profunda de la cara, quita la piel que sobra y alisa la que queda. Muchas veces se combina con un lifting de cuello. Algunas personas también eligen una cirugía de párpados o de cejas al mismo tiempo.`,
        `El lifting facial no cambia las arrugas finas, las manchas del sol ni la textura de la piel. Para eso sirven otros tratamientos, como el cuidado de la piel, los peelings o el láser. Tampoco detiene el envejecimiento.`,
      ),
    },
    {
      kind: 'candidates',
      body: md(
        `Usted podría ser buen candidato si:`,
        list(
          `Tiene flacidez en las mejillas o piel floja a lo largo de la mandíbula`,
          `Su piel todavía conserva algo de elasticidad`,
          `Tiene buena salud y sus enfermedades están bajo control`,
          `No fuma, o va a dejarlo con tiempo antes y después de la cirugía`,
          `Busca verse más descansado, no parecer otra persona`,
        ),
        `La mayoría de quienes se hacen un lifting facial tiene entre 40 y 70 años, pero la edad por sí sola no lo decide.`,
      ),
    },
    {
      kind: 'risks',
      body: md(
        `Entre los posibles riesgos del lifting facial están:`,
        list(
          `Sangrado debajo de la piel (hematoma). Es la complicación más común y puede requerir volver al quirófano.`,
          `Falta de sensibilidad en mejillas y orejas, que a menudo dura meses`,
          `Lesión de un nervio de la cara, con debilidad en una parte del rostro. Es poco común y suele mejorar con el tiempo, pero puede ser permanente.`,
          `Cicatrices que se ensanchan o se notan`,
          `Pérdida de cabello cerca de los cortes o cambios en la línea del cabello`,
          `Pérdida de piel o cicatrización lenta, sobre todo en personas que fuman`,
          `Resultados disparejos o cambios en la forma del lóbulo de la oreja`,
          `Infección, coágulos de sangre y riesgos de la anestesia`,
        ),
        `También puede pasar que el resultado no le guste y se necesite otra cirugía. Su cirujano debe explicarle cada riesgo y con qué frecuencia ocurre.`,
      ),
    },
    {
      kind: 'planning',
      body: md(
        `En la consulta, su cirujano estudiará su cara de frente y de perfil. Su piel, la forma de sus huesos, la línea del cabello y las zonas que le molestan guiarán el plan. Pueden hablar de sumar un lifting de cuello, una cirugía de párpados u otros tratamientos.`,
        `Prepárese para hablar de su salud, cirugías anteriores, medicamentos, suplementos, tabaco y alcohol. Le tomarán la presión y también fotos para su expediente.`,
        `Pregunte qué tipo de lifting le recomiendan, dónde quedarán las cicatrices, cómo será la recuperación y cuál es el costo total.`,
      ),
    },
    {
      kind: 'preparing',
      body: md(
        `Antes de la cirugía, quizá necesite:`,
        list(
          `Hacerse análisis o una revisión con su médico de cabecera`,
          `Dejar de fumar y de usar nicotina varias semanas antes y después de la cirugía`,
          `Suspender ciertos medicamentos y suplementos que aumentan el sangrado, solo si su cirujano se lo indica`,
          `Mantener bien controlada la presión arterial`,
          `Preparar un lugar para descansar con la cabeza elevada, y tener a mano ropa que se abroche por delante`,
        ),
        `Organícese para que alguien lo lleve a casa y para que un adulto responsable se quede con usted al menos la primera noche.`,
      ),
    },
    {
      kind: 'facility',
      body: md(
        `El lifting facial puede hacerse en una sala de cirugía del consultorio, en un centro quirúrgico o en un hospital. El lugar debe estar acreditado. Eso quiere decir que un organismo externo revisó su seguridad.`,
        `Muchas personas vuelven a casa el mismo día. Otras pasan la noche para que el equipo médico las vigile de cerca, sobre todo después de una cirugía larga.`,
      ),
    },
    {
      kind: 'anesthesia',
      body: md(
        `La mayoría de los liftings faciales se hace con el paciente completamente dormido (anestesia general). Algunos se hacen con anestesia local y sedación, para que usted esté relajado pero no del todo dormido.`,
        `Antes de la cirugía, el profesional de anestesia revisará su salud con usted. Durante la cirugía, lo vigilará de cerca.`,
      ),
    },
    {
      kind: 'procedure',
      body: md(
        `Un corte común empieza dentro del cabello, a la altura de la sien. Baja por delante de la oreja, rodea el lóbulo y termina detrás de la oreja, en la línea del cabello. A veces se suma un corte pequeño debajo de la barbilla para tratar el cuello.`,
        `Por estos cortes, el cirujano levanta y tensa el tejido profundo de la cara. La grasa puede quitarse, moverse o agregarse. Luego la piel se acomoda sobre la nueva forma, se recorta la que sobra y los cortes se cierran con puntos finos o grapas.`,
        `Las personas con menos flacidez a veces pueden tener un corte más corto. La cirugía suele durar unas horas. Al final se coloca un vendaje suave y, a veces, pequeños drenajes.`,
      ),
      figures: figures('es', 'facelift-incisions.svg'),
    },
    {
      kind: 'recovery',
      body: md(
        `La hinchazón y los moretones son normales y suelen ser mayores en los primeros dos o tres días. La cara puede sentirse tirante, adormecida o con pequeños bultos por un tiempo. Los medicamentos para el dolor le ayudarán a estar cómodo.`,
        `Mantenga la cabeza elevada y descanse. No se bañe con agua muy caliente ni use la secadora de pelo en caliente hasta que su cirujano lo autorice. Los drenajes suelen retirarse en uno o dos días. Los puntos se quitan entre una y dos semanas después.`,
        `Llame a su cirujano de inmediato si un lado de la cara se hincha rápido, si el dolor empeora de repente, o si tiene fiebre o le cuesta respirar.`,
      ),
    },
    {
      kind: 'back-to-normal',
      body: md(
        `La mayoría de las personas se siente lista para salir en público después de unas dos semanas. Muchas vuelven al trabajo en dos o tres semanas. Caminar suavemente es bueno desde los primeros días. Espere de tres a cuatro semanas, o lo que le diga su cirujano, antes de hacer ejercicio fuerte.`,
        `Cuando los cortes ya cerraron, el maquillaje suele cubrir bien los moretones. Espere a que su cirujano le diga que es seguro antes de teñirse el cabello. El adormecimiento y la tirantez pueden tardar meses en irse. Use protector solar todos los días.`,
      ),
    },
    {
      kind: 'results',
      body: md(
        `Al principio su cara se verá hinchada, así que el resultado completo toma tiempo. La mayor parte de la hinchazón baja en unos meses. Las cicatrices se aclaran durante un año o más y suelen quedar ocultas en el cabello y en las líneas naturales alrededor de la oreja.`,
        `Un lifting facial puede ayudarle a verse más descansado, pero su cara seguirá envejeciendo. En muchas personas el resultado dura años, pero nadie puede prometer cuánto. Los hábitos sanos y la protección solar ayudan.`,
        `Si está pensando en un lifting facial, hable con un cirujano plástico certificado sobre sus metas y sobre si esta cirugía es adecuada para usted.`,
      ),
      figures: figures('es', 'facelift-before-after.svg'),
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Eyelid surgery
// ---------------------------------------------------------------------------------------------------------------

const eyelidEn: SampleGuide = {
  slug: 'eyelid-surgery',
  locale: 'en',
  category: 'eyes',
  title: 'Eyelid surgery (blepharoplasty)',
  summary:
    'Eyelid surgery can remove extra skin and fat from the upper or lower lids. Learn who it may help, the risks and how recovery goes.',
  related: ['facelift'],
  sections: [
    {
      kind: 'overview',
      body: md(
        `Eyelid surgery, also called blepharoplasty, can make your eyes look more rested. It can remove or reshape extra skin, fat and sometimes muscle of the upper lids, the lower lids or both.`,
        `It can help with:`,
        list(
          `Loose skin that hangs over the fold of the upper lid`,
          `Puffy bags under the eyes`,
          `Upper lids that droop so much they block part of your vision`,
        ),
        `It does not remove crow's feet or dark circles, and it does not lift sagging brows. A low brow or a weak lid muscle can look like extra skin. Those need other treatments, so a careful exam matters.`,
      ),
    },
    {
      kind: 'candidates',
      body: md(
        `You may be a good candidate if you:`,
        list(
          `Have extra skin or puffy eyelids that bother you or block your view`,
          `Are healthy and have no serious eye disease`,
          `Do not smoke`,
          `Have realistic goals`,
        ),
        `Dry eye, glaucoma, thyroid eye problems and recent eye surgery need to be discussed first. They may change the plan or make surgery unsafe.`,
      ),
    },
    {
      kind: 'risks',
      body: md(
        `Possible risks of eyelid surgery include:`,
        list(
          `Dry, gritty or watery eyes, which often get better but may last`,
          `Trouble closing your eyes all the way for a while`,
          `The lower lid pulling down or turning out`,
          `Blurred or double vision for a short time`,
          `Scars that are easy to see, or eyes that look uneven`,
          `Infection or bleeding`,
          `Bleeding behind the eye. This is rare but serious, and it can harm your vision.`,
          `Risks from anesthesia, and the chance you will need more surgery`,
        ),
        `Loss of vision is very rare. Ask your surgeon which signs mean you must call right away.`,
      ),
    },
    {
      kind: 'planning',
      body: md(
        `At your consultation, your surgeon will check your eyelids, your brows, and the skin and bone around your eyes. You may have a vision test or a tear test. If your lids block your view, your side vision may be tested too. This can help if you hope insurance will pay part of the cost.`,
        `Bring your glasses or contact lens prescription, and notes from your eye doctor. Tell your surgeon about your health, medicines, supplements and any eye problems. You will talk about your goals, the scars, recovery and cost.`,
      ),
    },
    {
      kind: 'preparing',
      body: md(
        `Before surgery you may be asked to:`,
        list(
          `Stop smoking for several weeks before and after surgery`,
          `Stop certain medicines or supplements that raise bleeding, as your surgeon directs`,
          `Have cold packs, clean gauze, eye drops or ointment, and dark sunglasses ready`,
          `Plan to wear glasses instead of contact lenses for a while`,
        ),
        `Arrange for someone to drive you home and help you for the first day or two. Your vision may be blurry at first.`,
      ),
    },
    {
      kind: 'facility',
      body: md(
        `Eyelid surgery is usually done in a surgery suite in the office or at a surgery center. The place should be accredited, which means it meets outside safety rules. Most people go home the same day.`,
      ),
    },
    {
      kind: 'anesthesia',
      body: md(
        `Many eyelid surgeries are done with numbing medicine, plus medicine to help you relax. Some people are fully asleep (general anesthesia). This is more common when other surgery is done at the same time. Your surgeon will explain the choice.`,
      ),
    },
    {
      kind: 'procedure',
      body: md(
        `For the upper lids, the cut is made in the natural fold of the lid, where the scar is easy to hide. The surgeon removes or moves extra skin and fat, and sometimes a thin strip of muscle. The cut is closed with fine stitches.`,
        `For the lower lids, the cut may be just below the lashes. It may also be on the inside of the lid, which leaves no outside scar. Fat may be removed or moved to smooth out bags. Extra skin may be trimmed, and the lid may be tightened.`,
        `Surgery often takes one to two hours, depending on how much is done.`,
      ),
      figures: figures('en', 'eyelid-incisions.svg'),
    },
    {
      kind: 'recovery',
      body: md(
        `Swelling and bruising around the eyes are normal. Your eyes may feel tight, dry or watery, and bright light may bother you. Ointment can make your vision blurry for a while.`,
        `Use cold packs as directed, keep your head raised and rest your eyes. Use only the eye drops your surgeon suggests. Stitches are often removed within a week.`,
        `Call your surgeon right away, or get emergency care, if you have severe pain, a sudden change in vision, or an eye that swells fast or bulges.`,
      ),
    },
    {
      kind: 'back-to-normal',
      body: md(
        `Many people go back to work in about 10 days. Reading, screens and TV may tire your eyes at first, so take breaks.`,
        `Avoid bending over, heavy lifting and hard exercise for two to three weeks, or as long as your surgeon says. Most people wait about two weeks before wearing contact lenses or eye makeup. Wear sunglasses outside to protect your eyes and scars.`,
      ),
    },
    {
      kind: 'results',
      body: md(
        `Most bruising fades in about two weeks. Swelling keeps going down for weeks to months. The scars usually fade into thin lines that are hard to see.`,
        `Results of upper eyelid surgery often last many years, though your skin keeps aging. Lower eyelid results tend to last a long time. Your brows and skin will still change with age.`,
        `To learn whether eyelid surgery is right for you, talk with a board-certified plastic surgeon. Ask about the risks, the recovery and what result is realistic for your eyes.`,
      ),
      figures: figures('en', 'eyelid-before-after.svg'),
    },
  ],
};

const eyelidEs: SampleGuide = {
  slug: 'eyelid-surgery',
  locale: 'es',
  category: 'eyes',
  title: 'Cirugía de párpados (blefaroplastia)',
  summary:
    'La cirugía de párpados puede quitar piel y grasa de más de los párpados superiores o inferiores. Conozca a quién puede ayudar, sus riesgos y cómo es la recuperación.',
  related: ['facelift'],
  sections: [
    {
      kind: 'overview',
      body: md(
        `La cirugía de párpados, también llamada blefaroplastia, puede hacer que los ojos se vean más descansados. Puede quitar o reacomodar piel, grasa y a veces músculo de los párpados de arriba, de los de abajo o de ambos.`,
        `Puede ayudar con:`,
        list(
          `Piel floja que cae sobre el pliegue del párpado superior`,
          `Bolsas debajo de los ojos`,
          `Párpados superiores tan caídos que tapan parte de la vista`,
        ),
        `No quita las patas de gallo ni las ojeras, y no levanta las cejas caídas. Una ceja baja o un músculo del párpado débil pueden parecer piel de más. Eso se trata de otra forma, por eso es importante una revisión cuidadosa.`,
      ),
    },
    {
      kind: 'candidates',
      body: md(
        `Usted podría ser buen candidato si:`,
        list(
          `Tiene piel de más o hinchazón en los párpados que le molesta o le tapa la vista`,
          `Tiene buena salud y no tiene enfermedades graves de los ojos`,
          `No fuma`,
          `Tiene metas realistas`,
        ),
        `El ojo seco, el glaucoma, los problemas de tiroides que afectan los ojos y una cirugía reciente de los ojos deben hablarse antes. Pueden cambiar el plan o hacer que la cirugía no sea segura.`,
      ),
    },
    {
      kind: 'risks',
      body: md(
        `Entre los posibles riesgos de la cirugía de párpados están:`,
        list(
          `Ojos secos, irritados o llorosos, que suelen mejorar pero pueden durar`,
          `Dificultad para cerrar bien los ojos por un tiempo`,
          `Que el párpado inferior baje o se voltee hacia afuera`,
          `Visión borrosa o doble por poco tiempo`,
          `Cicatrices visibles u ojos que se ven disparejos`,
          `Infección o sangrado`,
          `Sangrado detrás del ojo. Es raro, pero grave, y puede dañar la vista.`,
          `Riesgos de la anestesia y la posibilidad de necesitar otra cirugía`,
        ),
        `La pérdida de la vista es muy rara. Pregúntele a su cirujano qué señales significan que debe llamar de inmediato.`,
      ),
    },
    {
      kind: 'planning',
      body: md(
        `En la consulta, su cirujano revisará sus párpados, sus cejas y la piel y los huesos alrededor de los ojos. Tal vez le hagan una prueba de la vista o de las lágrimas. Si los párpados le tapan la vista, pueden medir su visión lateral. Esto puede ayudar si espera que el seguro pague una parte.`,
        `Lleve sus anteojos o la receta de sus lentes de contacto, y los informes de su oftalmólogo. Cuéntele a su cirujano sobre su salud, sus medicamentos, suplementos y cualquier problema de los ojos. Hablarán de lo que usted busca, de las cicatrices, de la recuperación y del costo.`,
      ),
    },
    {
      kind: 'preparing',
      body: md(
        `Antes de la cirugía, quizá le pidan:`,
        list(
          `Dejar de fumar varias semanas antes y después de la cirugía`,
          `Suspender ciertos medicamentos o suplementos que aumentan el sangrado, según le indique su cirujano`,
          `Tener listas compresas frías, gasas limpias, gotas o pomada para los ojos y lentes de sol oscuros`,
          `Usar anteojos en lugar de lentes de contacto por un tiempo`,
        ),
        `Organícese para que alguien lo lleve a casa y le ayude el primer día o los dos primeros. Al principio puede ver borroso.`,
      ),
    },
    {
      kind: 'facility',
      body: md(
        `La cirugía de párpados suele hacerse en una sala de cirugía del consultorio o en un centro quirúrgico. El lugar debe estar acreditado, es decir, cumplir normas de seguridad revisadas por un organismo externo. La mayoría de las personas vuelve a casa el mismo día.`,
      ),
    },
    {
      kind: 'anesthesia',
      body: md(
        `Muchas cirugías de párpados se hacen con anestesia local y un medicamento para relajarse. Algunas personas están completamente dormidas (anestesia general). Esto es más común si se hace otra cirugía al mismo tiempo. Su cirujano le explicará qué conviene en su caso.`,
      ),
    },
    {
      kind: 'procedure',
      body: md(
        `En los párpados superiores, el corte se hace en el pliegue natural, donde la cicatriz se disimula fácilmente. El cirujano quita o reacomoda la piel y la grasa de más, y a veces una tira delgada de músculo. Luego cierra con puntos finos.`,
        `En los párpados inferiores, el corte puede ir justo debajo de las pestañas. También puede hacerse por dentro del párpado, donde no deja cicatriz visible. La grasa puede quitarse o moverse para suavizar las bolsas. Se puede recortar piel y, a veces, tensar el párpado.`,
        `La cirugía suele durar entre una y dos horas, según lo que se haga.`,
      ),
      figures: figures('es', 'eyelid-incisions.svg'),
    },
    {
      kind: 'recovery',
      body: md(
        `La hinchazón y los moretones alrededor de los ojos son normales. Puede sentir los ojos tirantes, secos o llorosos, y la luz fuerte puede molestarle. La pomada puede hacer que vea borroso por un rato.`,
        `Use compresas frías como le indiquen, mantenga la cabeza elevada y descanse la vista. Use solo las gotas que le recomiende su cirujano. Los puntos suelen quitarse antes de una semana.`,
        `Llame a su cirujano de inmediato, o busque atención de emergencia, si tiene dolor fuerte, un cambio repentino en la vista, o un ojo que se hincha muy rápido o sobresale.`,
      ),
    },
    {
      kind: 'back-to-normal',
      body: md(
        `Muchas personas vuelven al trabajo en unos 10 días. Leer, usar pantallas o ver televisión puede cansarle la vista al principio, así que tome descansos.`,
        `Evite agacharse, levantar peso y hacer ejercicio fuerte durante dos o tres semanas, o lo que le indique su cirujano. Casi todos esperan unas dos semanas antes de usar lentes de contacto o maquillaje en los ojos. Use lentes de sol al salir para proteger los ojos y las cicatrices.`,
      ),
    },
    {
      kind: 'results',
      body: md(
        `La mayoría de los moretones se va en unas dos semanas. La hinchazón sigue bajando durante semanas o meses. Las cicatrices suelen quedar como líneas finas, difíciles de ver.`,
        `El resultado en los párpados superiores suele durar muchos años, aunque la piel sigue envejeciendo. En los párpados inferiores, el cambio suele ser duradero. Sus cejas y su piel seguirán cambiando con la edad.`,
        `Para saber si esta cirugía es adecuada para usted, hable con un cirujano plástico certificado. Pregunte por los riesgos, la recuperación y qué resultado es realista para sus ojos.`,
      ),
      figures: figures('es', 'eyelid-before-after.svg'),
    },
  ],
};

/** Every sample guide, English and Spanish; the two versions of a guide share a slug. */
export const SAMPLE_GUIDES: readonly SampleGuide[] = Object.freeze([
  scarRevisionEn,
  scarRevisionEs,
  neckliftEn,
  neckliftEs,
  faceliftEn,
  faceliftEs,
  eyelidEn,
  eyelidEs,
]);
