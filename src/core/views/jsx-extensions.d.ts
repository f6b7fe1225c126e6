// Attributes kitajs's JSX types do not list yet, but browsers support.
declare namespace JSX {
  interface HtmlImageTag {
    sizes?: undefined | string;
    decoding?: undefined | 'async' | 'sync' | 'auto';
  }
  interface HtmlSourceTag {
    sizes?: undefined | string;
  }
}
