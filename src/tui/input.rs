//! A one-line text input with a cursor: the finder's query line and the note prompt.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// Only the cursor moved.
    Moved,
    /// The key is not an editing key.
    Ignored,
}

/// Editable text and a cursor (a char index).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    /// An input holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> TextInput {
        TextInput {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's position in chars.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Applies an editing key: characters, Backspace, Delete, ←/→, Home/End, Ctrl-A/E,
    /// Ctrl-U (clear to start), Ctrl-W (delete the word before the cursor), Ctrl-K (clear to end).
    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => self.delete_range(0, self.cursor),
            KeyCode::Char('w') if ctrl => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                self.delete_range(start, self.cursor)
            }
            KeyCode::Char('k') if ctrl => self.delete_range(self.cursor, self.text.chars().count()),
            KeyCode::Char('a') if ctrl => self.move_to(0),
            KeyCode::Char('e') if ctrl => self.move_to(self.text.chars().count()),
            KeyCode::Char(c)
                if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) && !c.is_control() =>
            {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
                Edit::Changed
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.delete_range(self.cursor - 1, self.cursor)
            }
            KeyCode::Delete => self.delete_range(self.cursor, self.cursor + 1),
            KeyCode::Left => self.move_to(self.cursor.saturating_sub(1)),
            KeyCode::Right => self.move_to(self.cursor + 1),
            KeyCode::Home => self.move_to(0),
            KeyCode::End => self.move_to(self.text.chars().count()),
            _ => Edit::Ignored,
        }
    }

    fn move_to(&mut self, cursor: usize) -> Edit {
        self.cursor = cursor.min(self.text.chars().count());
        Edit::Moved
    }

    fn delete_range(&mut self, from: usize, to: usize) -> Edit {
        let to = to.min(self.text.chars().count());
        if from >= to {
            return Edit::Moved;
        }
        let (a, b) = (self.byte(from), self.byte(to));
        self.text.replace_range(a..b, "");
        self.cursor = from;
        Edit::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut TextInput, code: KeyCode, mods: KeyModifiers) -> Edit {
        input.key(KeyEvent::new(code, mods))
    }

    fn typed(text: &str) -> TextInput {
        let mut input = TextInput::default();
        for c in text.chars() {
            press(&mut input, KeyCode::Char(c), KeyModifiers::NONE);
        }
        input
    }

    #[test]
    fn typing_and_editing_in_the_middle() {
        let mut input = typed("북한 cyber");
        assert_eq!(input.cursor(), 8);
        press(&mut input, KeyCode::Left, KeyModifiers::NONE);
        press(&mut input, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(input.text(), "북한 cybr");
        press(&mut input, KeyCode::Home, KeyModifiers::NONE);
        press(&mut input, KeyCode::Delete, KeyModifiers::NONE);
        assert_eq!(input.text(), "한 cybr");
    }

    #[test]
    fn ctrl_w_and_ctrl_u_delete_words_and_lines() {
        let mut input = typed("rok  response");
        assert_eq!(
            press(&mut input, KeyCode::Char('w'), KeyModifiers::CONTROL),
            Edit::Changed
        );
        assert_eq!(input.text(), "rok  ");
        press(&mut input, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(input.text(), "");
        let mut input = typed("abc def");
        press(&mut input, KeyCode::Left, KeyModifiers::NONE);
        press(&mut input, KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!((input.text(), input.cursor()), ("f", 0));
    }

    #[test]
    fn non_editing_keys_are_ignored() {
        let mut input = typed("x");
        assert_eq!(
            press(&mut input, KeyCode::Enter, KeyModifiers::NONE),
            Edit::Ignored
        );
        assert_eq!(
            press(&mut input, KeyCode::Char('n'), KeyModifiers::CONTROL),
            Edit::Ignored
        );
        assert_eq!(input.text(), "x");
    }
}
